namespace CampaignFlow.Cli.Local;

/// <summary>One timer function of the Functions app as the local host runs it: its schedule setting and its work.</summary>
public interface ICronJob
{
    /// <summary>What the logs call it: "Next {Name} at …".</summary>
    string Name { get; }

    /// <summary>The schedule's setting as <c>Section:Key</c>, the same one the Functions timer reads.</summary>
    string Setting { get; }

    /// <summary>The schedule when the setting is absent: the Functions app's default.</summary>
    string DefaultSchedule { get; }

    /// <summary>Whether it also runs once at start (the poll does, as RunOnStartup; the digest does not).</summary>
    bool RunsAtStart { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
