using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The labeled examples that staff decisions on held stories make, kept locally under the state folder
/// (<c>&lt;state&gt;/review/decisions.jsonl</c>), not in the tracked corpus: one example per story, a later decision
/// replacing the earlier. <c>review export --to FILE</c> brings them into a corpus file explicitly.
/// </summary>
public sealed class StaffDecisionFile(string stateDirectory)
{
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, "review", "decisions.jsonl");

    public IReadOnlyList<LabeledStory> ReadAll() => File.Exists(Path) ? LabeledCorpus.ReadFile(Path) : [];

    /// <summary>Records <paramref name="example"/>, replacing an earlier decision on the same story.</summary>
    public void Save(LabeledStory example)
    {
        var kept = ReadAll().Where(s => s.Id != example.Id).Append(example).ToList();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        File.WriteAllLines(temp, kept.Select(LabeledCorpus.ToJsonLine));
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>Appends every decision not yet in <paramref name="corpusPath"/> (by id); returns how many were added and skipped.</summary>
    public (int Exported, int AlreadyThere) ExportTo(string corpusPath)
    {
        var present = File.Exists(corpusPath) ? LabeledCorpus.ReadFile(corpusPath).Select(s => s.Id).ToHashSet(StringComparer.Ordinal) : [];
        var (exported, skipped) = (0, 0);
        foreach (var example in ReadAll())
        {
            if (present.Contains(example.Id))
            {
                skipped++;
                continue;
            }
            LabeledCorpus.Append(corpusPath, example);
            exported++;
        }
        return (exported, skipped);
    }
}
