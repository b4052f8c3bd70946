namespace Visco.Grains.Interfaces.Results;

/// <summary>One page of results.</summary>
/// <param name="Items">The results, newest first.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record ResultPage(IReadOnlyList<StoredResult> Items, string? NextCursor)
{
    /// <summary>The JSON options a page is written with: the web defaults, as the API writes it.</summary>
    public static System.Text.Json.JsonSerializerOptions WebJson { get; } = ReadOnlyWebJson();

    private static System.Text.Json.JsonSerializerOptions ReadOnlyWebJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
