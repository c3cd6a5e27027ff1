namespace CampaignFlow.Delivery;

/// <summary>
/// A small, strict scan of a template's HTML: stray <c>&lt;</c>, tags and comments never closed, end tags that close
/// nothing or close out of order, elements never closed, <c>&lt;script&gt;</c>, and where placeholders sit inside tags.
/// Cheap by design: it is not an HTML parser, and it is stricter than HTML (every element but the void ones is closed).
/// </summary>
internal sealed class HtmlTemplateScanner
{
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    // Their content is text up to the end tag; a placeholder in style or script content would not be escaped for it.
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal) { "script", "style", "title", "textarea" };

    private readonly string _file;
    private readonly string _html;
    private readonly List<TemplateProblem> _problems;
    private readonly List<int> _lineStarts = [0];
    private readonly List<HtmlAttribute> _attributes = [];
    private readonly HashSet<int> _spanning = [];
    private readonly Stack<(string Name, int Line)> _open = new();

    private HtmlTemplateScanner(string file, string html, List<TemplateProblem> problems)
    {
        (_file, _html, _problems) = (file, html, problems);
        for (var k = 0; k < html.Length; k++)
        {
            if (html[k] == '\n')
            {
                _lineStarts.Add(k + 1);
            }
        }
    }

    /// <summary>Adds the problems to <paramref name="problems"/>; returns the attributes found and the lines tags span from or to.</summary>
    public static HtmlScan Scan(string file, string html, List<TemplateProblem> problems)
    {
        var scanner = new HtmlTemplateScanner(file, html, problems);
        scanner.Run();
        return new HtmlScan(scanner._attributes, scanner._spanning);
    }

    private void Run()
    {
        var i = 0;
        while (i < _html.Length && (i = _html.IndexOf('<', i)) >= 0)
        {
            var line = LineAt(i);
            var next = i + 1 < _html.Length ? _html[i + 1] : '\0';
            if (string.CompareOrdinal(_html, i, "<!--", 0, 4) == 0)
            {
                var end = _html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    Add(line, "comment never closed: '-->' missing");
                    break;
                }
                i = end + 3;
            }
            else if (next == '!')
            {
                var end = _html.IndexOf('>', i);
                if (end < 0)
                {
                    Add(line, "<!…> never closed: '>' missing");
                    break;
                }
                i = end + 1;
            }
            else if (next == '/')
            {
                i = EndTag(i, line);
            }
            else if (char.IsAsciiLetter(next))
            {
                i = StartTag(i, line);
            }
            else
            {
                Add(line, "stray '<': write &lt; for a '<' in text");
                i++;
            }
        }
        while (_open.Count > 0)
        {
            var (name, line) = _open.Pop();
            Add(line, $"<{name}> is never closed");
            _spanning.Add(line);
        }
    }

    private int EndTag(int i, int line)
    {
        var j = Name(i + 2, out var name);
        j = SkipSpace(j);
        if (name.Length == 0 || j >= _html.Length || _html[j] != '>')
        {
            Add(line, "malformed end tag: write </name>");
            return i + 2;
        }
        if (!_open.Any(o => o.Name == name))
        {
            Add(line, Void.Contains(name) ? $"</{name}>: <{name}> has no end tag" : $"</{name}> closes nothing: no <{name}> is open");
            return j + 1;
        }
        while (_open.Pop() is var (inner, innerLine))
        {
            if (inner == name)
            {
                if (innerLine != line)
                {
                    _spanning.Add(innerLine);
                    _spanning.Add(line);
                }
                break;
            }
            Add(innerLine, $"<{inner}> is not closed before </{name}> on line {line}");
            _spanning.Add(innerLine);
        }
        return j + 1;
    }

    private int StartTag(int i, int line)
    {
        var j = Name(i + 1, out var name);
        var selfClosing = false;
        while (true)
        {
            j = SkipSpace(j);
            if (j >= _html.Length || _html[j] == '<')
            {
                Add(line, $"<{name} is never closed: '>' missing");
                return j;
            }
            if (_html[j] == '>')
            {
                j++;
                break;
            }
            if (_html[j] == '/' && j + 1 < _html.Length && _html[j + 1] == '>')
            {
                (selfClosing, j) = (true, j + 2);
                break;
            }
            j = Attribute(j, name);
        }
        if (name == "script")
        {
            Add(line, "<script> is not allowed: mail clients remove scripts");
        }
        if (Void.Contains(name))
        {
            return j;
        }
        if (selfClosing)
        {
            Add(line, $"<{name}/> does not close <{name}> in HTML: write <{name}></{name}>");
        }
        _open.Push((name, line));
        if (!RawText.Contains(name))
        {
            return j;
        }
        var end = _html.IndexOf("</" + name, j, StringComparison.OrdinalIgnoreCase);
        end = end < 0 ? _html.Length : end;
        if (name != "title" && _html.AsSpan(j, end - j).Contains("{{", StringComparison.Ordinal))
        {
            Add(line, $"placeholders are not allowed inside <{name}>");
        }
        return end;
    }

    private int Attribute(int j, string element)
    {
        var start = j;
        var line = LineAt(j);
        while (j < _html.Length && !char.IsWhiteSpace(_html[j]) && _html[j] is not ('>' or '=' or '<') && !(_html[j] == '/' && j + 1 < _html.Length && _html[j + 1] == '>'))
        {
            j++;
        }
        if (j == start)
        {
            Add(line, $"unexpected '{_html[j]}' in <{element}>");
            return j + 1;
        }
        var name = _html[start..j].ToLowerInvariant();
        j = SkipSpace(j);
        string? value = null;
        var quoted = false;
        if (j < _html.Length && _html[j] == '=')
        {
            j = SkipSpace(j + 1);
            if (j < _html.Length && _html[j] is '"' or '\'')
            {
                var end = _html.IndexOf(_html[j], j + 1);
                if (end < 0)
                {
                    Add(line, $"the value of {name} in <{element}> is never closed: {_html[j]} missing");
                    return _html.Length;
                }
                (value, quoted, j) = (_html[(j + 1)..end], true, end + 1);
            }
            else
            {
                var valueStart = j;
                while (j < _html.Length && !char.IsWhiteSpace(_html[j]) && _html[j] != '>')
                {
                    j++;
                }
                value = _html[valueStart..j];
            }
        }
        _attributes.Add(new HtmlAttribute(element, name, value, quoted, line));
        return j;
    }

    private int Name(int j, out string name)
    {
        var start = j;
        while (j < _html.Length && (char.IsAsciiLetterOrDigit(_html[j]) || _html[j] == '-'))
        {
            j++;
        }
        name = _html[start..j].ToLowerInvariant();
        return j;
    }

    private int SkipSpace(int j)
    {
        while (j < _html.Length && char.IsWhiteSpace(_html[j]))
        {
            j++;
        }
        return j;
    }

    private int LineAt(int position)
    {
        var found = _lineStarts.BinarySearch(position);
        return found >= 0 ? found + 1 : ~found;
    }

    private void Add(int line, string message) => _problems.Add(new TemplateProblem(_file, line, message));
}
