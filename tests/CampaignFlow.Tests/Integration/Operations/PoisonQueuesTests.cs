using CampaignFlow.Operations;
using CampaignFlow.Pipeline;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Tests.Integration.Operations;

public sealed class PoisonQueuesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<string> PoisonAsync(string original, string reason)
    {
        using var services = azurite.Services();
        await services.GetRequiredService<IMessageQueue>().SendAsync("stories-poison", new DeadLetter("stories", reason, original, DateTimeOffset.UtcNow));
        var tools = services.GetRequiredService<PoisonQueues>();
        return (await tools.ListAsync("stories")).Single(m => m.Original == original).Id;
    }

    [Fact]
    public async Task ListsPoisonMessagesWithTheirReason()
    {
        var original = MessageSerializer.Serialize(new StoryMessage("list-" + Guid.NewGuid().ToString("n"), "mfa"));
        await PoisonAsync(original, "story is not in the ledger");

        var listed = await new PoisonQueues(azurite.Queues).ListAsync("stories");

        Assert.Contains(listed, m => m.Original == original && m.Reason == "story is not in the ledger");
    }

    [Fact]
    public async Task ReplaysAPoisonMessageOnceOntoItsQueue()
    {
        var storyId = "replay-" + Guid.NewGuid().ToString("n");
        var original = MessageSerializer.Serialize(new StoryMessage(storyId, "mfa"));
        var id = await PoisonAsync(original, "transient");
        var tools = new PoisonQueues(azurite.Queues);

        Assert.True(await tools.ReplayAsync("stories", id));
        Assert.False(await tools.ReplayAsync("stories", id));

        var queue = azurite.Queues.GetQueueClient(QueueNames.Stories);
        var replayed = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            foreach (var m in batch)
            {
                replayed.Add(m.Body.ToString());
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
        Assert.Single(replayed, b => b == original);
        Assert.DoesNotContain(await tools.ListAsync("stories"), m => m.Id == id);
    }

    [Fact]
    public async Task DiscardsAPoisonMessage()
    {
        var original = MessageSerializer.Serialize(new StoryMessage("discard-" + Guid.NewGuid().ToString("n"), "mfa"));
        var id = await PoisonAsync(original, "bad");
        var tools = new PoisonQueues(azurite.Queues);

        Assert.True(await tools.DiscardAsync("stories", id));

        Assert.DoesNotContain(await tools.ListAsync("stories"), m => m.Id == id);
    }

    [Fact]
    public async Task ReportsQueueAndPoisonDepths()
    {
        await PoisonAsync(MessageSerializer.Serialize(new StoryMessage("depth-" + Guid.NewGuid().ToString("n"), "mfa")), "bad");

        var depths = await new PoisonQueues(azurite.Queues).DepthsAsync();

        Assert.Equal(QueueNames.All, depths.Select(d => d.Queue));
        Assert.True(depths.Single(d => d.Queue == "stories").Poison >= 1);
    }

    [Fact]
    public async Task ListsEveryPoisonMessageNotOnlyTheFirstPageAndLeavesThemThere()
    {
        using var services = azurite.Services();
        var queue = services.GetRequiredService<IMessageQueue>();
        for (var i = 0; i < 45; i++)
        {
            await queue.SendAsync("digests-poison", new DeadLetter("digests", $"reason {i}", "{}", DateTimeOffset.UtcNow));
        }
        var tools = new PoisonQueues(azurite.Queues);

        var first = await tools.ListAsync("digests");
        var again = await tools.ListAsync("digests");

        Assert.Equal(45, first.Select(m => m.Id).Distinct().Count());
        Assert.Equal(first.Select(m => m.Id).Order(), again.Select(m => m.Id).Order());
        Assert.Equal(45, (await tools.DepthsAsync()).Single(d => d.Queue == "digests").Poison);
    }

    [Fact]
    public async Task ReplaysEveryPoisonMessageOfAQueueWithAFreshBackOff()
    {
        using var services = azurite.Services();
        var queue = services.GetRequiredService<IMessageQueue>();
        var originals = Enumerable.Range(0, 40)
            .Select(i => MessageSerializer.Serialize(new AlertMessage($"all-{i}", "1.0")).Replace("\"v\":1", "\"v\":1,\"retry\":10", StringComparison.Ordinal))
            .ToList();
        foreach (var original in originals)
        {
            await queue.SendAsync("alerts-poison", new DeadLetter("alerts", "failed 11 times", original, DateTimeOffset.UtcNow));
        }
        var tools = new PoisonQueues(azurite.Queues);

        Assert.Equal(40, await tools.ReplayAllAsync("alerts"));

        Assert.Empty(await tools.ListAsync("alerts"));
        var replayed = new List<string>();
        var alerts = azurite.Queues.GetQueueClient(QueueNames.Alerts);
        while ((await alerts.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            foreach (var m in batch)
            {
                replayed.Add(m.Body.ToString());
                await alerts.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
        Assert.Equal(40, replayed.Count);
        Assert.All(replayed, body => Assert.DoesNotContain("retry", body, StringComparison.Ordinal));
        Assert.Equal(originals.Select(o => MessageSerializer.Deserialize<AlertMessage>(o).StoryId).Order(), replayed.Select(r => MessageSerializer.Deserialize<AlertMessage>(r).StoryId).Order());
    }

    [Fact]
    public async Task RefusesAnUnknownQueueWithTheNamesItKnows()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new PoisonQueues(azurite.Queues).ListAsync("storeis"));
        Assert.Contains("stories", error.Message);
    }
}
