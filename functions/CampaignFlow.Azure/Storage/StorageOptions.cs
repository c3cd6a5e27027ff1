namespace CampaignFlow.Azure.Storage;

/// <summary>
/// How the app's own clients reach Azure Storage (setting section <c>Storage</c>): a connection string locally
/// (Azurite), service URIs with a managed identity in Azure.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }
}
