using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Visco.Grains.Interfaces.Results;

namespace Visco.Grains.Devices;

/// <summary>The opaque cursor of a device's command list: the sequence of the last command of the previous page.</summary>
internal static class CommandCursor
{
    private const string Prefix = "cmd:";

    public static string Encode(long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <exception cref="InvalidCursorException">Not a cursor this grain issued.</exception>
    public static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (cursor.Length <= 64 && text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0)
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
            // Falls through to the one answer for every bad cursor.
        }

        throw new InvalidCursorException("The cursor is not one this API issued.");
    }
}
