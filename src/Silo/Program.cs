using Visco.Api;
using Visco.Dashboard;
using Visco.DomainStore.Labels;
using Visco.DomainStore.Hosting;
using Visco.Grains.Archive;
using Visco.Grains.Hosting;
using Visco.MqttFrontDoor;
using Visco.Silo.Cli;
using Visco.Silo.Health;
using Visco.Silo.Hosting;

if (SiloCommandLine.IsVerb(args))
{
    return await SiloCommandLine.RunAsync(args);
}

// Settings ship beside the binary; data (./data) is relative to where the silo is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddViscoDomainStore();                  // results store: migrated before the silo delivers events to it
builder.AddViscoLabelStore();                   // lab reference values (labels), archived to the lake too
builder.AddViscoRuntime();                      // the silo and its store
builder.AddGrains(ViscoGrains.Assembly);        // domain grains; bootstraps the model once the silo runs
builder.AddViscoGrains();
builder.AddViscoArchive();                      // the training lake: one archive grain per hospital stream
builder.AddGrains(MqttFrontDoorHostingExtensions.GrainAssembly);
builder.AddMqttFrontDoor(o =>
{
    o.DataDirectory = builder.DataDirectory();
    // The CA of create-device-ca, once made, lets analysers authenticate with client certificates and claims provision.
    var pki = Path.Combine(builder.DataDirectory(), "pki");
    if (o.Mode == MqttFrontDoorMode.Device && o.DeviceCaDirectory is null && File.Exists(Path.Combine(pki, "device-ca.crt.pem")))
    {
        o.DeviceCaDirectory = pki;
    }
});
builder.AddViscoApi();                          // /api/v1, JWT, audit, live feeds
builder.OpenDashboardOnLoopbackWhenEmbedded();
builder.AddViscoDashboard();

var app = builder.Build();
// The collector listens from start-up, so counters include everything since the silo started.
app.Services.GetRequiredService<Visco.Runtime.Metrics.MetricsCollector>();
app.UseViscoApi();
app.MapOperations();
app.MapViscoApi();
app.MapViscoDashboard();
await app.RunAsync();
return 0;

/// <summary>The silo's entry point; public for in-process tests.</summary>
public partial class Program;
