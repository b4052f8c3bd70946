using Visco.Dashboard;
using Visco.Silo.Cli;
using Visco.Silo.Health;
using Visco.Silo.Hosting;

if (SiloCommandLine.IsVerb(args))
{
    return await SiloCommandLine.RunAsync(args);
}

// Settings ship beside the binary; data (./data) is relative to where the silo is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddViscoRuntime();
builder.AddViscoDashboard();

var app = builder.Build();
// The collector listens from start-up, so counters include everything since the silo started.
app.Services.GetRequiredService<Visco.Runtime.Metrics.MetricsCollector>();
app.MapOperations();
app.MapViscoDashboard();
await app.RunAsync();
return 0;

/// <summary>The silo's entry point; public for in-process tests.</summary>
public partial class Program;
