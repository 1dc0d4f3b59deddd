using System.Buffers.Text;
using System.Security.Cryptography;

namespace Delivery.Worker.Providers.Push;

/// <summary>Checks the configured VAPID keys at startup: a mismatched pair would have every push refused with 401/403.</summary>
public static class VapidKeyPair
{
    public static string? Problem(WebPushOptions options)
    {
        try
        {
            var publicKey = Base64Url.DecodeFromChars(options.PublicKey);
            var privateKey = Base64Url.DecodeFromChars(options.PrivateKey);
            if (publicKey is not { Length: 65 } || publicKey[0] != 4 || privateKey is not { Length: 32 })
            {
                return "wrong lengths";
            }
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = privateKey,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
            });
            // Importing checks that the point is on the curve; signing and verifying that it belongs to the private key.
            var probe = key.SignData("vapid"u8, HashAlgorithmName.SHA256);
            return key.VerifyData("vapid"u8, probe, HashAlgorithmName.SHA256) ? null : "not a pair";
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return ex.Message;
        }
    }
}
