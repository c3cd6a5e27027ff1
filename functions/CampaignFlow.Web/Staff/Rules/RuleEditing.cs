using CampaignFlow.Classification;
using CampaignFlow.Staff;
using CampaignFlow.Tuning;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff.Rules;

/// <summary>
/// The rules editor's use cases apart from HTTP: open the active rule set, read an edit (form or raw JSON), check and
/// preview it, suggest terms, publish, roll back. A publish or rollback is recorded in the staff action log under
/// <see cref="Subject"/> (who, when, which version), as approve, send, forget and import are.
/// </summary>
public sealed class RuleEditing(RulePublisher publisher, RulePreviewService preview, IRuleSetRepository repository, IStaffActionLog log, TimeProvider clock)
{
    /// <summary>The action log's subject for everything done to the rules.</summary>
    public const string Subject = "rules";

    public async Task<RuleEditorView> OpenAsync(CancellationToken cancellationToken)
    {
        var start = await publisher.OpenAsync(cancellationToken);
        var check = RuleSetCheck.Of(start.Json);
        var rules = check.Rules ?? RuleSetLoader.LoadDefault().Rules;
        var outcome = await preview.PreviewAsync(start.Json, cancellationToken);
        return new RuleEditorView(rules, start.Json, start.Version, start.ETag, check.Problems, outcome.Preview);
    }

    /// <summary>The edit a POST carries: the form's fields over the rule set it was opened from, or the raw JSON.</summary>
    public async Task<RuleEditorView> ReadAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var (baseVersion, etag) = (form["base"].FirstOrDefault() ?? "", Empty(form["etag"].FirstOrDefault()));
        var comment = form["comment"].FirstOrDefault();
        if (form["mode"].FirstOrDefault() == "json")
        {
            var json = form["json"].FirstOrDefault() ?? "";
            var check = RuleSetCheck.Of(json);
            return new RuleEditorView(check.Rules ?? await OpenedAsync(baseVersion, cancellationToken), json, baseVersion, etag, check.Problems, null, Comment: comment);
        }
        var opened = await OpenedAsync(baseVersion, cancellationToken);
        var (draft, formProblems) = RuleForm.Read(form, opened);
        draft = Suggested(draft, form["add"].FirstOrDefault());
        var draftJson = RuleSetJson.Write(draft);
        var problems = formProblems.Count > 0 ? formProblems : RuleSetCheck.Of(draftJson).Problems;
        return new RuleEditorView(draft, draftJson, baseVersion, etag, problems, null, Comment: comment);
    }

    public async Task<RuleEditorView> PreviewAsync(RuleEditorView view, CancellationToken cancellationToken) =>
        view.Problems.Count > 0 ? view : view with { Preview = (await preview.PreviewAsync(view.Json, cancellationToken)).Preview };

    public async Task<RuleEditorView> SuggestAsync(RuleEditorView view, CancellationToken cancellationToken) =>
        view.Problems.Count > 0 ? view : await PreviewAsync(view with { Suggestions = await preview.SuggestAsync(view.Json, cancellationToken) }, cancellationToken);

    public async Task<(RuleEditorView View, RuleSetChangeOutcome Outcome)> PublishAsync(RuleEditorView view, string by, CancellationToken cancellationToken)
    {
        if (view.Problems.Count > 0)
        {
            return (view, new RuleSetChangeOutcome(null, view.Problems));
        }
        var outcome = await publisher.PublishAsync(view.Json, by, view.Comment, view.ETag, cancellationToken);
        if (outcome.Version is { } version)
        {
            var comment = string.IsNullOrWhiteSpace(view.Comment) ? "" : $": {view.Comment.Trim()}";
            await log.RecordAsync(new StaffAction(by, clock.GetUtcNow(), "publish", Subject, $"published {version} (edited from {view.BaseVersion}){comment}"), cancellationToken);
        }
        return (view with { Problems = outcome.Problems, Conflict = outcome.Conflict }, outcome);
    }

    public async Task<RuleSetChangeOutcome> RollbackAsync(string version, string by, string? etag, CancellationToken cancellationToken)
    {
        var outcome = await publisher.RollbackAsync(version, by, Empty(etag), cancellationToken);
        if (outcome.Succeeded)
        {
            await log.RecordAsync(new StaffAction(by, clock.GetUtcNow(), "rollback", Subject, $"rolled back to {version}"), cancellationToken);
        }
        return outcome;
    }

    public Task<RuleHistory> HistoryAsync(CancellationToken cancellationToken) => publisher.HistoryAsync(cancellationToken);

    /// <summary>The latest publishes and rollbacks from the staff action log, newest first.</summary>
    public async Task<IReadOnlyList<StaffAction>> ActionsAsync(CancellationToken cancellationToken)
    {
        var actions = new List<StaffAction>();
        await foreach (var action in log.ListAsync(Subject, cancellationToken))
        {
            actions.Add(action);
            if (actions.Count == 20)
            {
                break;
            }
        }
        return actions;
    }

    /// <summary>The rule set the editor was opened from: a published version, else the built-in set.</summary>
    private async Task<RuleSet> OpenedAsync(string version, CancellationToken cancellationToken)
    {
        if (version.Length > 0 && await repository.ReadVersionAsync(version, cancellationToken) is { } json && RuleSetCheck.Of(json).Rules is { } rules)
        {
            return rules;
        }
        if (await repository.ReadActiveBlobAsync(cancellationToken) is { } active && RuleSetCheck.Of(active.Json).Rules is { } current)
        {
            return current;
        }
        return RuleSetLoader.LoadDefault().Rules;
    }

    /// <summary>A suggested term the editor asked to add ("catch|en|phrase" or "exclude|en|phrase").</summary>
    private static RuleSet Suggested(RuleSet draft, string? add)
    {
        var parts = add?.Split('|', 3);
        return parts switch
        {
            ["catch", var lang, var phrase] => RuleSetEdits.AddAnchor(draft, lang, phrase, TermSuggester.CatchWeight, "suggested: relevant stories the rules missed"),
            ["exclude", var lang, var phrase] => RuleSetEdits.AddNegative(draft, lang, phrase, TermSuggester.ExcludeWeight, "suggested: stories staff rejected"),
            _ => draft,
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
