using Visco.Grains.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The domain grains' settings refuse values they cannot run with, naming the setting.</summary>
public sealed class GrainsOptionsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(GrainsOptions.MaxDedupWindow + 1, 32)]
    [InlineData(16, 17)]
    [InlineData(16, 0)]
    public void Validate_DedupWindowsOutOfRange_Refused(int window, int persisted)
    {
        var options = new GrainsOptions { DedupWindow = window, PersistedDedupWindow = persisted };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Visco:Grains:DedupWindow", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(GrainsOptions.MaxDedupWindow, 32)]
    public void Validate_DedupWindowsInRange_Accepted(int window, int persisted)
    {
        var options = new GrainsOptions { DedupWindow = window, PersistedDedupWindow = persisted };

        Assert.Null(Record.Exception(options.Validate));
    }
}
