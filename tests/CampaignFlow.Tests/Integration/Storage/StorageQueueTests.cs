using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Tests.Integration.Storage;

public sealed class StorageQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WritesBase64VersionedJsonAsTheFunctionsQueueExtensionExpects()
    {
        var name = "roundtrip-" + Guid.NewGuid().ToString("n")[..8];
        await azurite.Queues.GetQueueClient(name).CreateAsync();

        await new StorageQueue(azurite.Queues).SendAsync(name, new StoryMessage("s1", "mfa"));

        // Read the raw bytes as the Functions host does before decoding.
        var raw = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var message = (await raw.ReceiveMessageAsync()).Value;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("v").GetInt32());
        Assert.Equal("s1", doc.RootElement.GetProperty("storyId").GetString());
        Assert.Equal(new StoryMessage("s1", "mfa"), MessageSerializer.Deserialize<StoryMessage>(json));
    }
}
