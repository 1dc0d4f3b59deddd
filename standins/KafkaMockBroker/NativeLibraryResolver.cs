using System.Reflection;
using System.Runtime.InteropServices;

namespace NotificationAspire.Standins.KafkaMockBroker;

/// <summary>
/// Picks the librdkafka build from librdkafka.redist that actually loads on this machine.
/// </summary>
/// <remarks>
/// The default linux-x64 librdkafka.so links against libsasl2.so.3, which Debian does not
/// ship, so the runtime's normal probing fails with DllNotFoundException. The same package
/// carries centos8-librdkafka.so (no libsasl2 dependency) and alpine-librdkafka.so (musl);
/// Confluent.Kafka's own loader falls back the same way. Files are tried in order and the
/// first that dlopen accepts wins; if none does, the runtime's default probing (including
/// a system-wide librdkafka) gets the last word.
/// </remarks>
internal static class NativeLibraryResolver
{
    private static readonly List<string> Failures = [];
    private static readonly Lock Gate = new();
    private static IntPtr cachedHandle;

    /// <summary>The file that was loaded, for the startup log; null until the first P/Invoke.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>Why each candidate was rejected, for the error message when nothing loads.</summary>
    public static IReadOnlyList<string> FailedCandidates => Failures;

    public static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibRdKafka.LibraryName)
        {
            return IntPtr.Zero;
        }

        // The runtime asks once per P/Invoke stub, not once per library: probe only the first time.
        lock (Gate)
        {
            if (LoadedFrom is null)
            {
                cachedHandle = Probe();
            }

            return cachedHandle;
        }
    }

    private static IntPtr Probe()
    {
        foreach (var candidate in Candidates())
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            try
            {
                var handle = NativeLibrary.Load(candidate);
                LoadedFrom = candidate;
                return handle;
            }
            catch (DllNotFoundException ex)
            {
                // Usually a missing dependency (libsasl2.so.3); the message says which.
                Failures.Add($"{candidate}: {ex.Message}");
            }
            catch (BadImageFormatException ex)
            {
                Failures.Add($"{candidate}: {ex.Message}");
            }
        }

        // Zero means "not handled": the runtime then probes as usual (deps.json, system paths).
        LoadedFrom = "(default probing)";
        return IntPtr.Zero;
    }

    private static IEnumerable<string> Candidates()
    {
        var baseDir = AppContext.BaseDirectory;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

        string os;
        string[] fileNames;
        if (OperatingSystem.IsWindows())
        {
            os = "win";
            fileNames = ["librdkafka.dll"];
        }
        else if (OperatingSystem.IsMacOS())
        {
            os = "osx";
            fileNames = ["librdkafka.dylib"];
        }
        else
        {
            os = "linux";
            // On musl the glibc builds cannot load at all, so the alpine build goes first there.
            fileNames = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
                ? ["alpine-librdkafka.so", "librdkafka.so", "centos8-librdkafka.so"]
                : ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];
        }

        // A portable build keeps runtimes/<rid>/native/; a RID-specific publish flattens the
        // natives next to the executable.
        string[] directories =
        [
            Path.Combine(baseDir, "runtimes", $"{os}-{arch}", "native"),
            baseDir,
        ];

        foreach (var directory in directories)
        {
            foreach (var fileName in fileNames)
            {
                yield return Path.Combine(directory, fileName);
            }
        }
    }
}
