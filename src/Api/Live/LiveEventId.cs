using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Live;

/// <summary>
/// The SSE event id of a result: its received time in microseconds (the store's precision), device and sample,
/// base64url-encoded so no id can carry a line break into the event stream. A client reconnecting with it as
/// <c>Last-Event-ID</c> gets every result received from that time on, except that very one.
/// </summary>
internal readonly record struct LiveEventId(long ReceivedAtMicros, string DeviceId, string SampleId)
{
    public DateTimeOffset ReceivedAt => DateTimeOffset.UnixEpoch.AddTicks(ReceivedAtMicros * 10);

    public static LiveEventId Of(StoredResult result) =>
        new((result.ReceivedAt - DateTimeOffset.UnixEpoch).Ticks / 10, result.DeviceId, result.SampleId);

    public static bool TryParse(string? text, out LiveEventId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > 1024
            || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, written).Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        id = new LiveEventId(micros, parts[1], parts[2]);
        return true;
    }

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{ReceivedAtMicros.ToString(CultureInfo.InvariantCulture)}\n{DeviceId}\n{SampleId}"));
}
