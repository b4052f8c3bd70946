using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Visco.DomainStore.Labels;
using Visco.Grains.Archive;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Labels;
using Visco.Lake.Storage;
using Visco.TestKit;

namespace Visco.Retraining.Tests;

public sealed class ArchiveHostingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-hosting-").FullName;

    [Fact]
    public void AddViscoArchive_AfterGrainsAndLabelStore_ReusesLakeAndWrapsLabels()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Visco:DataDirectory"] = _data;
        builder.Configuration["Visco:Archive:MaxBatchRows"] = "77";
        builder.AddViscoGrains();
        builder.AddViscoLabelStore();
        builder.AddViscoArchive();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(77, services.GetRequiredService<ArchiveOptions>().MaxBatchRows);
        Assert.Single(builder.Services, d => d.ServiceType == typeof(ILakeStore));
        Assert.Equal(_data, Assert.IsType<LocalLakeStore>(services.GetRequiredService<ILakeStore>()).RootDirectory);
        Assert.IsType<ArchivingLabelStore>(services.GetRequiredService<ILabelStore>());
    }

    [Fact]
    public void AddViscoArchive_BadBatchSize_FailsWithFix()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Visco:DataDirectory"] = _data;
        builder.Configuration["Visco:Archive:MaxBatchRows"] = "0";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddViscoArchive());

        Assert.Contains("Visco:Archive:MaxBatchRows", error.Message, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }
}
