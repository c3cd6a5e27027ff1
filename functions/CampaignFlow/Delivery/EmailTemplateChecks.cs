namespace CampaignFlow.Delivery;

/// <summary>
/// What a template file must hold beyond valid Liquid and HTML: a subject line, the subscriber's own unsubscribe link in
/// both parts (alerts and digests), the why-line of an alert, the digest's loop over its stories, the confirmation link.
/// </summary>
internal static class EmailTemplateChecks
{
    private const string SubjectPrefix = "Subject:";

    /// <summary>Checks a <c>.txt</c> file: its subject line and its body; null when either is not valid Liquid.</summary>
    public static (LiquidCheck Subject, LiquidCheck Body)? Text(string file, string name, string content, List<TemplateProblem> problems)
    {
        void Add(int line, string message) => problems.Add(new TemplateProblem(file, line, message));
        var lines = content.ReplaceLineEndings("\n").Split('\n', 2);
        var (first, body) = (lines[0], lines.Length > 1 ? lines[1] : "");
        if (!first.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            Add(1, "the first line must be the subject: 'Subject: …'");
        }
        else if (first[SubjectPrefix.Length..].Trim().Length == 0)
        {
            Add(1, "the subject is empty");
        }
        var subjectSource = first.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? first[SubjectPrefix.Length..].Trim() : first;
        var subject = LiquidTemplateCheck.Run(file, name, subjectSource, 1, problems);
        var text = LiquidTemplateCheck.Run(file, name, body, 2, problems);
        if (subject is not null && (subject.LoopsOver("stories") || subject.Outputs("stories")))
        {
            Add(1, "the stories belong in the body, not the subject");
        }
        if (subject is not null && (subject.Outputs(TemplateCatalog.UnsubscribeVariable) || subject.Outputs(TemplateCatalog.PreferencesVariable)))
        {
            Add(1, "a subscriber's links belong in the body, not the subject");
        }
        OldTags(file, content, problems);
        if (text is not null)
        {
            if (name != "confirm" && !text.Outputs(TemplateCatalog.UnsubscribeVariable))
            {
                Add(1, $"no unsubscribe link: {name} mails must carry {{{{ {TemplateCatalog.UnsubscribeVariable} }}}} (each subscriber's own link)");
            }
            if (name == "confirm" && !text.Outputs("link"))
            {
                Add(1, "no confirmation link: the mail must carry {{ link }}");
            }
            Required(file, name, text, problems);
        }
        return subject is null || text is null ? null : (subject, text);
    }

    /// <summary>Checks an <c>.html</c> file; null when it is not valid Liquid.</summary>
    public static LiquidCheck? Html(string file, string name, string content, List<TemplateProblem> problems)
    {
        var html = content.ReplaceLineEndings("\n");
        var check = LiquidTemplateCheck.Run(file, name, html, 1, problems);
        OldTags(file, html, problems);
        if (check is not null)
        {
            HtmlTemplateCheck.Run(file, name, html, check, problems);
            Required(file, name, check, problems);
        }
        return check;
    }

    private static void Required(string file, string name, LiquidCheck check, List<TemplateProblem> problems)
    {
        var missing = name switch
        {
            "alert" when !check.Outputs("terms") => "no why-you-got-this line: alert mails must say why with {{ terms }} (the words the story matched)",
            "digest" when !check.LoopsOver("stories") => "no {% for story in stories %}: the digest's stories are listed by a loop over stories",
            "welcome" or "already" or "links" when !check.Outputs(TemplateCatalog.PreferencesVariable) => $"no preference centre link: the {name} mail must carry {{{{ preferences_url }}}}",
            not "confirm" when !check.Outputs("brand.address") => "no postal address: every mail to the list must carry {{ brand.address }} (bulk-sender rules such as CAN-SPAM)",
            _ => null,
        };
        if (missing is not null)
        {
            problems.Add(new TemplateProblem(file, 1, missing));
        }
    }

    /// <summary>SendGrid's tags typed by hand: the syntax before Liquid. The variables say the same and are checked.</summary>
    private static void OldTags(string file, string content, List<TemplateProblem> problems)
    {
        foreach (var (tag, variable) in new[] { (AlertComposer.UnsubscribeTag, TemplateCatalog.UnsubscribeVariable), (AlertComposer.PreferencesTag, TemplateCatalog.PreferencesVariable) })
        {
            var at = content.IndexOf(tag, StringComparison.Ordinal);
            if (at >= 0)
            {
                problems.Add(new TemplateProblem(file, LiquidScanner.LineAt(content, at), $"{tag} is the old way to write a subscriber's link (before Liquid templates): write {{{{ {variable} }}}}"));
            }
        }
    }
}
