using System.Text;
using System.Text.RegularExpressions;

namespace CampaignFlow.Feeds;

/// <summary>
/// Turns feed bytes into text: BOM first, then the HTTP charset (RFC 3023: text/xml without a
/// charset means us-ascii), then the XML declaration, then UTF-8. Bytes that do not fit the
/// chosen encoding are decoded with the next plausible one and reported as a warning.
/// </summary>
internal static partial class FeedTextDecoder
{
    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? contentType, List<string> warnings)
    {
        var (bomEncoding, bomLength) = DetectBom(bytes);
        var family = bomEncoding ?? DetectWideFamily(bytes);
        var declared = Declared(bytes, family, warnings);
        var (httpCharset, xmlText, xmlApplication) = MediaType(contentType, warnings);

        Encoding primary;
        if (bomEncoding is not null)
        {
            primary = bomEncoding;
        }
        else if (httpCharset is not null && (xmlText || xmlApplication))
        {
            // UTF-16/32 byte patterns are unambiguous; a charset cannot make them 8-bit.
            primary = family ?? (IsWide(httpCharset) ? Strict("utf-8")! : httpCharset);
        }
        else if (xmlText)
        {
            // RFC 3023 §3.1: text/xml without charset is us-ascii, whatever the declaration says.
            primary = family ?? Strict("us-ascii")!;
        }
        else
        {
            primary = family ?? declared ?? httpCharset ?? Strict("utf-8")!;
        }

        return DecodeOrFallBack(bytes, bomLength, primary, declared, warnings);
    }

    /// <summary>The encoding the XML declaration names, unless the bytes plainly say otherwise.</summary>
    private static Encoding? Declared(byte[] bytes, Encoding? family, List<string> warnings)
    {
        var declaredName = DeclaredEncoding(bytes, family);
        var declared = declaredName is null ? null : Resolve(declaredName);
        if (declaredName is not null && declared is null)
        {
            warnings.Add($"unknown encoding '{declaredName}' in the XML declaration; assumed UTF-8");
        }
        if (family is not null && declared is not null && !IsWide(declared))
        {
            // The bytes are plainly UTF-16/32; the declaration can only be wrong.
            declared = null;
        }
        else if (family is not null && declared is not null && IsWide(declared))
        {
            declared = family;
        }
        else if (family is null && declared is not null && IsWide(declared))
        {
            // "<?xml ... encoding='utf-16'?>" in 8-bit bytes: a copied declaration, not the truth.
            warnings.Add($"the XML declaration says {declaredName}, but the bytes are not UTF-16/32");
            declared = null;
        }
        return declared;
    }

    /// <summary>The Content-Type's charset and whether its media type is XML as text or as an application type.</summary>
    private static (Encoding? Charset, bool XmlText, bool XmlApplication) MediaType(string? contentType, List<string> warnings)
    {
        var (mediaType, charsetName) = ParseContentType(contentType);
        Encoding? httpCharset = null;
        if (charsetName is not null)
        {
            httpCharset = Resolve(charsetName);
            if (httpCharset is null)
            {
                warnings.Add($"unknown charset '{charsetName}' in the Content-Type; ignored");
            }
        }
        var xmlText = mediaType is not null && (mediaType == "text/xml" || mediaType.StartsWith("text/xml-", StringComparison.Ordinal)
            || (mediaType.StartsWith("text/", StringComparison.Ordinal) && mediaType.EndsWith("+xml", StringComparison.Ordinal)));
        var xmlApplication = mediaType is not null && mediaType.StartsWith("application/", StringComparison.Ordinal)
            && (mediaType.EndsWith("/xml", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal)
                || mediaType.Contains("/xml-", StringComparison.Ordinal));
        if (mediaType is not null && !xmlText && !xmlApplication)
        {
            warnings.Add($"served as {mediaType}, not an XML media type");
        }
        return (httpCharset, xmlText, xmlApplication);
    }

    /// <summary>Decodes with the primary encoding, else the declared one, UTF-8, windows-1252, finally Latin-1, saying which.</summary>
    private static string DecodeOrFallBack(byte[] bytes, int bomLength, Encoding primary, Encoding? declared, List<string> warnings)
    {
        var candidates = new List<Encoding> { primary };
        foreach (var fallback in new[] { declared, Strict("utf-8"), Strict("windows-1252") })
        {
            if (fallback is not null && candidates.TrueForAll(c => c.CodePage != fallback.CodePage))
            {
                candidates.Add(fallback);
            }
        }
        foreach (var encoding in candidates)
        {
            try
            {
                var text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
                if (encoding != primary)
                {
                    warnings.Add($"the bytes are not valid {primary.WebName}; decoded as {encoding.WebName}");
                }
                return text.TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                // try the next candidate
            }
        }
        warnings.Add($"the bytes are not valid {primary.WebName}; decoded as iso-8859-1");
        return Encoding.Latin1.GetString(bytes, bomLength, bytes.Length - bomLength);
    }

    private static bool IsWide(Encoding e) => e.CodePage is 1200 or 1201 or 12000 or 12001;

    private static (Encoding?, int) DetectBom(byte[] b)
    {
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return (Strict("utf-32BE"), 4);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return (Strict("utf-32LE"), 4);
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return (Strict("utf-8"), 3);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (Strict("utf-16BE"), 2);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (Strict("utf-16LE"), 2);
        return (null, 0);
    }

    /// <summary>XML 1.0 Appendix F: a document starts with '&lt;', so zero bytes around it give the width and order.</summary>
    private static Encoding? DetectWideFamily(byte[] b)
    {
        if (b.Length < 4) return null;
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x3C) return Strict("utf-32BE");
        if (b[0] == 0x3C && b[1] == 0 && b[2] == 0 && b[3] == 0) return Strict("utf-32LE");
        if (b[0] == 0 && b[1] == 0x3C && b[2] == 0) return Strict("utf-16BE");
        if (b[0] == 0x3C && b[1] == 0 && b[3] == 0) return Strict("utf-16LE");
        return null;
    }

    private static string? DeclaredEncoding(byte[] bytes, Encoding? family)
    {
        string head;
        if (family is not null)
        {
            var count = Math.Min(bytes.Length, 2048) & ~3;
            head = family.CodePage is 1200 or 1201
                ? new UnicodeEncoding(family.CodePage == 1201, false, false).GetString(bytes, 0, count)
                : new UTF32Encoding(family.CodePage == 12001, false, false).GetString(bytes, 0, count);
        }
        else
        {
            head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        }
        var match = Declaration().Match(head);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    internal static (string? MediaType, string? Charset) ParseContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return (null, null);
        var parts = contentType.Split(';');
        var media = parts[0].Trim().ToLowerInvariant();
        string? charset = null;
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            if (!part[..eq].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var value = part[(eq + 1)..].Trim().Trim('"', '\'').Trim();
            charset = value.Length == 0 ? null : value;
        }
        return (media.Length == 0 ? null : media, charset);
    }

    internal static Encoding? Resolve(string name)
    {
        var n = name.Trim().Trim('"', '\'').ToLowerInvariant().Replace('_', '-');
        n = n switch
        {
            "u8" or "utf8" or "utf" => "utf-8",
            "u16" or "utf16" => "utf-16",
            "u32" or "utf32" => "utf-32",
            "utf-16-le" => "utf-16LE",
            "utf-16-be" => "utf-16BE",
            "utf-32-le" => "utf-32LE",
            "utf-32-be" => "utf-32BE",
            "ascii" or "646" => "us-ascii",
            "latin1" or "latin-1" or "l1" => "iso-8859-1",
            "cp1252" => "windows-1252",
            _ => n,
        };
        return Strict(n);
    }

    private static Encoding? Strict(string name)
    {
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']""")]
    private static partial Regex Declaration();
}
