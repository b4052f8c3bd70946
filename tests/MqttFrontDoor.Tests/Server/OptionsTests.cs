using Microsoft.Extensions.Options;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_OpenModeWithClientCertificates_RefusedWithFix()
    {
        var result = new MqttFrontDoorOptionsValidator().Validate(null, new MqttFrontDoorOptions { Mode = MqttFrontDoorMode.Open, DeviceCaDirectory = "/ca" });
        Assert.True(result.Failed);
        Assert.Contains("Mode=Open", result.FailureMessage);
        Assert.Contains("DeviceCaDirectory", result.FailureMessage);
    }

    [Fact]
    public void Validate_Defaults_DeviceModeAndValid()
    {
        var options = new MqttFrontDoorOptions();
        Assert.Equal(MqttFrontDoorMode.Device, options.Mode);
        Assert.Equal(ValidateOptionsResult.Success, new MqttFrontDoorOptionsValidator().Validate(null, options));
    }

    [Theory]
    [InlineData(0, "MaxConnections")]
    [InlineData(-1, "ReceiveMaximum")]
    public void Validate_OutOfRange_NamesSettingAndExample(int value, string setting)
    {
        var options = new MqttFrontDoorOptions();
        typeof(MqttFrontDoorOptions).GetProperty(setting)!.SetValue(options, value);
        var result = new MqttFrontDoorOptionsValidator().Validate(null, options);
        Assert.Contains($"Visco:Mqtt:{setting} must be between", result.FailureMessage);
    }
}
