using System.Globalization;
using System.Text;

namespace Visco.Runtime.Metrics;

/// <summary>Writes series in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusTextWriter
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Every fourth fine bucket bound (×2.44 apart) is exported: exact cumulative counts, a readable number of lines.
    private const int BucketStride = 4;

    /// <summary>Formats every series.</summary>
    public static string Write(IEnumerable<MetricSeries> series)
    {
        var text = new StringBuilder();
        foreach (var group in series.GroupBy(s => s.Descriptor).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var descriptor = group.Key;
            var name = MetricName(descriptor);
            var type = descriptor.Kind switch
            {
                MetricKind.Histogram => "histogram",
                MetricKind.Counter or MetricKind.ObservedCounter => "counter",
                _ => "gauge",
            };
            text.Append("# HELP ").Append(name).Append(' ').Append(Escape(descriptor.Description ?? descriptor.Name, label: false)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var item in group)
            {
                if (descriptor.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, name, item);
                }
                else
                {
                    WriteSample(text, name, item.Tags, null, item.Value);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The Prometheus name of an instrument: dots to underscores, unit suffix, <c>_total</c> for counters.</summary>
    public static string MetricName(MetricDescriptor descriptor)
    {
        var name = Sanitize(descriptor.Name);
        var suffix = descriptor.Unit switch
        {
            "ms" => "_milliseconds",
            "s" => "_seconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        if (descriptor.Kind is MetricKind.Counter or MetricKind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    private static void WriteHistogram(StringBuilder text, string name, MetricSeries series)
    {
        var buckets = series.Buckets();
        var bounds = HistogramBuckets.Bounds;
        long cumulative = 0;
        var next = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += buckets[i];
            if (i == next)
            {
                WriteSample(text, name + "_bucket", series.Tags, bounds[i].ToString("G6", CultureInfo.InvariantCulture), cumulative);
                next += BucketStride;
            }
        }

        cumulative += buckets[^1];
        WriteSample(text, name + "_bucket", series.Tags, "+Inf", cumulative);
        WriteSample(text, name + "_sum", series.Tags, null, series.Value);
        WriteSample(text, name + "_count", series.Tags, null, series.Count);
    }

    private static void WriteSample(
        StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> tags, string? le, double value)
    {
        text.Append(name);
        if (tags.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, tagValue) in tags)
            {
                text.Append(first ? string.Empty : ",").Append(Sanitize(key)).Append("=\"").Append(Escape(tagValue, label: true)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                text.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value.ToString("G17", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var result = new string(chars);
        return char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }

    private static string Escape(string value, bool label)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return label ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }
}
