namespace CampaignFlow.Tests.Support;

/// <summary>A fresh temporary folder, deleted with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("campaignflow-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping process: the OS temp cleaner takes it.
        }
    }
}
