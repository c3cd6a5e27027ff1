using System.Runtime.CompilerServices;

namespace CampaignFlow.Classification;

/// <summary>
/// The compiled multi-pattern matcher: the text is split into words once, and each word is looked up in a
/// hash table of first words (multi-word phrases continue word by word) and walked down a character trie of
/// prefix terms ("ratif*", "klaseammunisjon*"). The cost is one pass over the text plus one lookup per word,
/// whatever the number of terms — Aho–Corasick at word level, with word boundaries for free.
/// </summary>
internal sealed class TokenMatcher
{
    private const int MaxWord = 64;
    private readonly string[][] words;
    private readonly bool[] prefixLast;
    private readonly int[] specificity;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> firstWords;
    private readonly TrieNode trie = new();

    public TokenMatcher(IReadOnlyList<string> terms, IReadOnlyList<bool> isPrefix)
    {
        words = [.. terms.Select(t => Split(t))];
        prefixLast = [.. isPrefix];
        specificity = [.. terms.Select(t => t.Length)];
        var byFirst = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length == 1 && prefixLast[i])
            {
                trie.Add(words[i][0], i);
            }
            else if (words[i].Length > 0)
            {
                (byFirst.TryGetValue(words[i][0], out var list) ? list : byFirst[words[i][0]] = []).Add(i);
            }
        }
        // Why: an ignore-case table looks words up straight from the story text, with no lower-cased copy.
        firstWords = byFirst.ToDictionary(k => k.Key, v => v.Value.OrderByDescending(i => words[i].Length).ToArray(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Splits normalised text into words the way stories are split.</summary>
    public static string[] Split(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return [.. tokens.Select(t => text[t.Start..t.End].ToLowerInvariant())];
    }

    public static void Tokenize(string text, List<Token> into)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
            if (i > start)
            {
                into.Add(new Token(start, i));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c));

    /// <summary>Every (pattern, first word, last word) match, by first word, longest first.</summary>
    public void FindAll(string text, List<Token> tokens, List<(int Pattern, int First, int Last)> into)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            var length = token.End - token.Start;
            if (length > MaxWord)
            {
                continue;
            }
            var word = text.AsSpan(token.Start, length);
            var mark = into.Count;
            if (firstWords.TryGetValue(word, out var candidates))
            {
                foreach (var c in candidates)
                {
                    if (MatchRest(text, tokens, t, c) is var last and >= 0)
                    {
                        into.Add((c, t, last));
                    }
                }
            }
            trie.Walk(word, t, into);
            if (into.Count - mark > 1)
            {
                // Why: leftmost-longest resolution later expects the longest match at a word first.
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into)[mark..];
                span.Sort((a, b) => b.Last != a.Last ? b.Last.CompareTo(a.Last) : specificity[b.Pattern].CompareTo(specificity[a.Pattern]));
            }
        }
    }

    private int MatchRest(string text, List<Token> tokens, int first, int pattern)
    {
        var w = words[pattern];
        if (w.Length == 1)
        {
            return first;
        }
        if (first + w.Length > tokens.Count)
        {
            return -1;
        }
        for (var k = 1; k < w.Length; k++)
        {
            var prev = tokens[first + k - 1];
            var tok = tokens[first + k];
            if (!SoftGap(text.AsSpan(prev.End, tok.Start - prev.End)))
            {
                return -1;
            }
            var span = text.AsSpan(tok.Start, tok.End - tok.Start);
            var ok = k == w.Length - 1 && prefixLast[pattern]
                ? span.StartsWith(w[k], StringComparison.OrdinalIgnoreCase)
                : span.Equals(w[k], StringComparison.OrdinalIgnoreCase);
            if (!ok)
            {
                return -1;
            }
        }
        return first + w.Length - 1;
    }

    /// <summary>Words of a phrase may be separated by spaces, hyphens or an apostrophe, not by punctuation.</summary>
    private static bool SoftGap(ReadOnlySpan<char> gap)
    {
        if (gap.Length is 0 or > 3)
        {
            return false;
        }
        foreach (var c in gap)
        {
            if (c is not (' ' or '-' or '\u2010' or '\u2011' or '\'' or '\u2019' or '\u00A0'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A character trie of single-word prefix terms.</summary>
    private sealed class TrieNode
    {
        private Dictionary<char, TrieNode>? next;
        private List<int>? patterns;

        public void Add(string word, int pattern)
        {
            var node = this;
            foreach (var c in word)
            {
                node.next ??= [];
                node = node.next.TryGetValue(c, out var n) ? n : node.next[c] = new TrieNode();
            }
            (node.patterns ??= []).Add(pattern);
        }

        public void Walk(ReadOnlySpan<char> word, int token, List<(int, int, int)> into)
        {
            var node = this;
            foreach (var c in word)
            {
                if (node.next is null || !node.next.TryGetValue(char.ToLowerInvariant(c), out node!))
                {
                    return;
                }
                if (node.patterns is { } found)
                {
                    foreach (var p in found)
                    {
                        into.Add((p, token, token));
                    }
                }
            }
        }
    }
}
