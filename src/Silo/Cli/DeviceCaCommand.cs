using System.CommandLine;
using Visco.MqttFrontDoor.Security;

namespace Visco.Silo.Cli;

/// <summary><c>create-device-ca</c>: creates the CA that signs analysers' client certificates.</summary>
internal static class DeviceCaCommand
{
    public static Command Create()
    {
        var data = CommonOptions.DataDirectory();
        var name = new Option<string>("--name") { Description = "The CA's common name.", DefaultValueFactory = _ => "Visco Device CA" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing CA (every issued certificate stops working)." };
        var command = new Command("create-device-ca", "Create the device CA under <data>/pki (certificate and private key, PEM, owner-only).")
        {
            data, name, overwrite,
        };
        command.SetAction(result =>
        {
            var directory = Path.Combine(result.GetValue(data)!.FullName, "pki");
            if (DeviceCertificateAuthority.Exists(directory) && !result.GetValue(overwrite))
            {
                Console.Error.WriteLine($"A device CA already exists in {directory}; pass --overwrite to replace it.");
                return 1;
            }

            using var ca = DeviceCertificateAuthority.Create(directory, result.GetValue(name)!, overwrite: result.GetValue(overwrite));
            Console.WriteLine($"Device CA '{ca.Certificate.Subject}' written to {directory} (thumbprint {DeviceCertificateAuthority.Thumbprint(ca.Certificate)}).");
            return 0;
        });
        return command;
    }
}
