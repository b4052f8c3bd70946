using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The hospital directory: every created hospital is listed once, in ordinal order, paged by cursor.</summary>
public sealed class HospitalDirectoryTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    private IHospitalDirectoryGrain Directory => _silo.Grains.GetGrain<IHospitalDirectoryGrain>(IHospitalDirectoryGrain.DefaultKey);

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await DomainSilo.StartInMemoryAsync(withModel: false);

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task List_CreatedHospitals_OrdinalPagesWithCursor()
    {
        foreach (var id in new[] { "h-c", "h-a", "H-z", "h-b", "h-a" })
        {
            await _silo.Registrar.CreateHospitalAsync(id, $"Hospital {id}");
        }

        var first = await Directory.List(null, 3);
        var second = await Directory.List(first.NextCursor, 3);

        Assert.Equal(["H-z", "h-a", "h-b", "h-c"], first.HospitalIds.Concat(second.HospitalIds));
        Assert.NotNull(first.NextCursor);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task ListOf_SomeHospitals_FullPagesOfThoseThatExist()
    {
        foreach (var id in new[] { "h-1", "h-2", "h-3", "h-4", "h-5" })
        {
            await _silo.Registrar.CreateHospitalAsync(id, $"Hospital {id}");
        }

        string[] only = ["h-5", "h-2", "h-missing", "h-4", "h-2"];
        var first = await Directory.ListOf(only, null, 2);
        var second = await Directory.ListOf(only, first.NextCursor, 2);

        Assert.Equal(["h-2", "h-4"], first.HospitalIds);
        Assert.Equal(["h-5"], second.HospitalIds);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task List_AfterRestart_StillListed()
    {
        await _silo.Registrar.CreateHospitalAsync("h-1", "One");

        await _silo.RestartAsync();

        Assert.Equal(["h-1"], (await Directory.List(null, 10)).HospitalIds);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("aDo")]
    [InlineData("eDpo")]
    public async Task List_BadCursor_Refused(string cursor)
    {
        await Assert.ThrowsAsync<InvalidCursorException>(() => Directory.List(cursor, 2));
    }
}
