using CampaignFlow.Azure.Published;
using CampaignFlow.Classification;
using CampaignFlow.Tests.Classification;
using CampaignFlow.Tests.Support;
using CampaignFlow.Tuning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Tuning;

/// <summary>Publish, roll back and the history as the staff console uses them, against a real blob service (Azurite).</summary>
public sealed class RulePublisherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Microsoft.Extensions.Options.IOptions<ClassificationOptions> Options = Microsoft.Extensions.Options.Options.Create(new ClassificationOptions());
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OfTwoStaffPublishingFromTheSameVersionOneGetsAConflictAndNothingIsLost()
    {
        var container = await azurite.NewContainerAsync();
        var time = new FakeTimeProvider(Start);
        await new BlobRuleSetStore(container, Options, time).PublishAsync(TestRules.DefaultJson("r1"));
        var (alice, bob) = (Publisher(new BlobRuleSetStore(container, Options, time)), Publisher(new BlobRuleSetStore(container, Options, time)));
        var (aliceOpened, bobOpened) = (await alice.OpenAsync(), await bob.OpenAsync());
        Assert.Equal(aliceOpened.ETag, bobOpened.ETag);
        time.Advance(TimeSpan.FromSeconds(1));

        var first = await alice.PublishAsync(Edit("alice-1", "alice's term"), "alice", "adds a term", aliceOpened.ETag);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await bob.PublishAsync(Edit("bob-1", "bob's term"), "bob", "adds another", bobOpened.ETag);

        Assert.Equal("alice-1", first.Version);
        Assert.False(second.Succeeded);
        Assert.Contains("changed after you opened the editor", second.Conflict, StringComparison.Ordinal);
        var store = new BlobRuleSetStore(container, Options);
        Assert.Equal("alice-1", (await store.ReadActiveBlobAsync())!.Version);
        Assert.Equal(["alice-1", "r1"], (await store.ListAsync()).Select(v => v.Version));
        var log = Assert.Single(await store.ListActivationsAsync(), a => a.By == "alice");
        Assert.Equal((RuleSetActivation.Publish, "alice-1", "adds a term", "r1"), (log.Action, log.Version, log.Comment, log.Previous));
        Assert.DoesNotContain(await store.ListActivationsAsync(), a => a.By == "bob");
    }

    [Fact]
    public async Task OfTwoConcurrentPublishesExactlyOneLands()
    {
        var container = await azurite.NewContainerAsync();
        await new BlobRuleSetStore(container, Options).PublishAsync(TestRules.DefaultJson("r1"));
        var etag = (await new BlobRuleSetStore(container, Options).ReadActiveBlobAsync())!.ETag;

        var outcomes = await Task.WhenAll(
            Publisher(new BlobRuleSetStore(container, Options)).PublishAsync(Edit("r1", "first edit"), "alice", null, etag),
            Publisher(new BlobRuleSetStore(container, Options)).PublishAsync(Edit("r1", "second edit"), "bob", null, etag));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Conflict is not null);
        var store = new BlobRuleSetStore(container, Options);
        Assert.Equal(["r1", "r2"], (await store.ListAsync()).Select(v => v.Version).Order(StringComparer.Ordinal));
        Assert.Equal(await store.ReadVersionAsync("r2"), (await store.ReadActiveBlobAsync())!.Json);
    }

    [Fact]
    public async Task AnInvalidEditSavesNothing()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options);
        await store.PublishAsync(TestRules.DefaultJson("r1"));
        var before = await store.ReadActiveBlobAsync();

        var outcome = await Publisher(store).PublishAsync(TestRules.DefaultJson("r2").Replace("\"anchors\":[", "\"anchors\":[{\"weight\":-1,\"terms\":[\"x y\"]},", StringComparison.Ordinal), "alice", null, before!.ETag);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Problems, p => p.Path == "$.anchors[0].weight" && p.Message.Contains("should be greater than 0", StringComparison.Ordinal));
        Assert.Equal(["r1"], (await store.ListAsync()).Select(v => v.Version));
        Assert.Equal(before.ETag, (await store.ReadActiveBlobAsync())!.ETag);
        Assert.Single(await store.ListActivationsAsync());
    }

    [Fact]
    public async Task RollbackIsRecordedWithWhoAndTheRunningPipelinePicksUpEachVersion()
    {
        var container = await azurite.NewContainerAsync();
        var time = new FakeTimeProvider(Start);
        var store = new BlobRuleSetStore(container, Options, time);
        var publisher = Publisher(store);
        var pipeline = new BlobRuleSetProvider(container, Options, time, NullLogger<BlobRuleSetProvider>.Instance, TestRules.Default);

        var first = await publisher.PublishAsync(Edit("r1", "first"), "alice", "Lagt til «klasevåpen» – første", (await publisher.OpenAsync()).ETag);
        await pipeline.RefreshAsync();
        var afterFirst = pipeline.Current.Version;
        time.Advance(TimeSpan.FromMinutes(5));
        await publisher.PublishAsync(Edit("r1", "second"), "alice", null, (await publisher.OpenAsync()).ETag);
        await pipeline.RefreshAsync();
        var afterSecond = pipeline.Current.Version;
        time.Advance(TimeSpan.FromMinutes(5));
        var rollback = await publisher.RollbackAsync("r1", "bob", (await publisher.OpenAsync()).ETag);
        await pipeline.RefreshAsync();

        Assert.Equal(("r1", "r2", "r1"), (afterFirst, afterSecond, pipeline.Current.Version));
        Assert.True(rollback.Succeeded);
        var history = await publisher.HistoryAsync();
        Assert.Equal(["r2", "r1"], history.Versions.Select(v => v.Version.Version));
        Assert.Equal([false, true], history.Versions.Select(v => v.Active));
        Assert.Equal("Lagt til «klasevåpen» – første", history.Versions[1].Version.Comment);
        Assert.Equal("alice", history.Versions[1].Version.PublishedBy);
        Assert.All(history.Versions, v => Assert.True(v.Scores!.Relevance.F1 > 0.5));
        Assert.Equal(
            [(RuleSetActivation.Rollback, "r1", "bob", "r2"), (RuleSetActivation.Publish, "r2", "alice", "r1"), (RuleSetActivation.Publish, "r1", "alice", null)],
            history.Activations.Select(a => (a.Action, a.Version, a.By, a.Previous)));
        Assert.Equal("bob", history.Active!.ActivatedBy);
    }

    [Fact]
    public async Task ARollbackFromAStaleEditorIsAConflict()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobRuleSetStore(container, Options);
        await store.PublishAsync(TestRules.DefaultJson("r1"));
        var stale = (await store.ReadActiveBlobAsync())!.ETag;
        await store.PublishAsync(TestRules.DefaultJson("r2"));

        var outcome = await Publisher(store).RollbackAsync("r1", "bob", stale);

        Assert.NotNull(outcome.Conflict);
        Assert.Equal("r2", (await store.ReadActiveBlobAsync())!.Version);
    }

    private static RulePublisher Publisher(IRuleSetRepository store) =>
        new(store, new RulePreviewService(new StaticRuleSetProvider(TestRules.Default), [new CorpusPreviewSource()], TimeProvider.System));

    /// <summary>The default rules under <paramref name="version"/> with one more anchor term.</summary>
    private static string Edit(string version, string term) =>
        RuleSetJson.Write(RuleSetEdits.AddAnchor(RuleSetLoader.Parse(TestRules.DefaultJson(version)), "en", term, 1, "test"));
}
