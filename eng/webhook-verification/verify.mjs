// Verifies webhook requests with the Standard Webhooks library (standardwebhooks on npm), as a Node.js receiver
// would. Input on stdin, one JSON object per line: {secret, id, timestamp, signature, body} with the raw body in
// base64. Output, one line per input in the same order: "ok", or "fail: <the library's reason>".
import { Webhook } from "standardwebhooks";
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  try {
    new Webhook(request.secret).verify(Buffer.from(request.body, "base64").toString("utf8"), {
      "webhook-id": request.id,
      "webhook-timestamp": request.timestamp,
      "webhook-signature": request.signature,
    });
    console.log("ok");
  } catch (error) {
    console.log(`fail: ${error.message}`);
  }
}
