using Visco.Runtime.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>The stream settings are checked at start-up with a message that says which setting and how to fix it.</summary>
public sealed class SiloOptionsTests
{
    [Theory]
    [InlineData("StreamDeliveryBatchSize")]
    [InlineData("StreamBufferedEvents")]
    [InlineData("StreamRetryMaxBackoff")]
    public void Validate_StreamSettingZero_ThrowsNamingTheSetting(string setting)
    {
        var options = new SiloOptions();
        switch (setting)
        {
            case "StreamDeliveryBatchSize": options.StreamDeliveryBatchSize = 0; break;
            case "StreamBufferedEvents": options.StreamBufferedEvents = 0; break;
            default: options.StreamRetryMaxBackoff = TimeSpan.Zero; break;
        }

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains($"Visco:Runtime:{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Accepted()
    {
        var options = new SiloOptions();

        options.Validate();

        Assert.Equal(2048, options.StreamDeliveryBatchSize);
    }
}
