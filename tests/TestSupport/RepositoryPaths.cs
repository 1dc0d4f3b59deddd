namespace NotificationAspire.TestSupport;

/// <summary>Where the checkout is, seen from the test output folder.</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NotificationAspire.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("NotificationAspire.sln not found above the test output.");
    }

    /// <summary>`artifacts/` at the root (ignored by git): what a run leaves for people and CI to read.</summary>
    public static string Artifact(string fileName)
    {
        var folder = Path.Combine(Root(), "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
