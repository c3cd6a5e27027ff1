using CampaignFlow.Subscribers;

namespace CampaignFlow.Cli.Local;

/// <summary>A few demo subscribers at example.org, so a local run with an empty list still shows real alerts.</summary>
public static class DemoSubscribers
{
    public static async Task<int> SeedIfEmptyAsync(ISubscriberStore store, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (await store.AnyAsync(cancellationToken))
        {
            return 0;
        }
        Subscriber[] demo =
        [
            Demo("campaigner@example.org", "Demo campaigner", clock),
            Demo("africa.desk@example.org", "Demo Africa desk", clock) with { Regions = ["africa"] },
            Demo("treaty.watch@example.org", "Demo treaty watcher", clock) with { Topics = ["signature-ratification", "diplomatic-conference"] },
        ];
        foreach (var subscriber in demo)
        {
            await store.UpsertAsync(subscriber, cancellationToken);
        }
        return demo.Length;
    }

    private static Subscriber Demo(string email, string name, TimeProvider clock) =>
        Subscriber.Create(email) with
        {
            Name = name,
            Status = SubscriberStatus.Active,
            ConsentAt = clock.GetUtcNow(),
            ConsentSource = "demo subscriber seeded by a local run",
        };
}
