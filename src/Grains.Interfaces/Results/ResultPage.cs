namespace Visco.Grains.Interfaces.Results;

/// <summary>One page of results.</summary>
/// <param name="Items">The results, newest first.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record ResultPage(IReadOnlyList<StoredResult> Items, string? NextCursor)
{
    /// <summary>The JSON options a page is written with: the web defaults, as the API writes it.</summary>
    public static System.Text.Json.JsonSerializerOptions WebJson { get; } = ReadOnlyWebJson();

    /// <summary>Writes the page to <paramref name="output"/> as UTF-8 JSON with <see cref="WebJson"/>.</summary>
    public void WriteJson(System.Buffers.IBufferWriter<byte> output)
    {
        using var json = new System.Text.Json.Utf8JsonWriter(output);
        System.Text.Json.JsonSerializer.Serialize(json, this, WebJson);
    }

    private static System.Text.Json.JsonSerializerOptions ReadOnlyWebJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
