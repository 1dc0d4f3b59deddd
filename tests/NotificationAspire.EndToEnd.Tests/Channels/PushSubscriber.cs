using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>
/// What a browser holds for a push subscription: its own P-256 key pair and auth secret. It decrypts what a push
/// service delivers as RFC 8291 says (aes128gcm, RFC 8188), written here from the RFCs with nothing but
/// System.Security.Cryptography, so the sender's library is checked against an independent reading. (The same reading
/// as the worker's unit tests; this project does not reference theirs.)
/// </summary>
internal sealed class PushSubscriber : IDisposable
{
    private readonly ECDiffieHellman keys = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey => Uncompressed(keys.ExportParameters(false).Q);

    /// <summary>The browser's `PushSubscription.toJSON()`.</summary>
    public string SubscriptionJson(Uri endpoint) => System.Text.Json.JsonSerializer.Serialize(new
    {
        endpoint = endpoint.ToString(),
        expirationTime = (long?)null,
        keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(AuthSecret) },
    });

    public string Decrypt(byte[] body)
    {
        // Header: salt (16), record size (4), key id length (1), key id = the sender's ephemeral public key (65).
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        if (record.Length > recordSize)
        {
            throw new InvalidOperationException("A push message is a single record.");
        }

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
        });
        var shared = keys.DeriveRawSecretAgreement(sender.PublicKey);
        // RFC 8291 §3.4: the input keying material binds both public keys and the auth secret.
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        }
        // RFC 8188 §2: the last record ends with the delimiter 2, then zero padding.
        var end = Array.LastIndexOf(plain, (byte)2);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    private static byte[] Uncompressed(ECPoint q) => [4, .. q.X!, .. q.Y!];

    public void Dispose() => keys.Dispose();
}
