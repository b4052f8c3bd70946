using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Labels;
using Visco.Lake.Storage;

namespace Visco.Grains.Archive;

/// <summary>Adds the training-lake archive to the host.</summary>
public static class ArchiveHostingExtensions
{
    /// <summary>
    /// Registers the archive: options "Visco:Archive", the lake store (an S3-compatible bucket when
    /// "Visco:Archive:S3:Bucket" is set, replacing a local store registered before so model files and the archive
    /// share it; else an <see cref="ILakeStore"/> registered before, e.g. by AddViscoGrains, is reused; else the folder
    /// <c>{Visco:DataDirectory}</c> whose <c>lake/</c> holds the lake), and label archiving: an <see cref="ILabelStore"/> registered before (AddViscoLabelStore) is
    /// wrapped so every saved label also lands in <c>lake/labels/</c>. The ArchiveGrain is in
    /// <see cref="Hosting.ViscoGrains.Assembly"/>.
    /// </summary>
    public static IHostApplicationBuilder AddViscoArchive(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ArchiveOptions();
        var section = builder.Configuration.GetSection("Visco:Archive");
        section.Bind(options);
        var dataDirectory = Path.GetFullPath(options.LocalRoot ?? builder.Configuration["Visco:DataDirectory"] ?? "data");
        var bucket = section["S3:Bucket"];
        if (!string.IsNullOrEmpty(bucket))
        {
            var s3 = new S3LakeStoreOptions
            {
                Bucket = bucket,
                KeyPrefix = section["S3:KeyPrefix"] ?? string.Empty,
                ServiceUrl = section["S3:ServiceUrl"] is { Length: > 0 } url ? new Uri(url) : null,
                Region = section["S3:Region"] ?? "us-east-1",
                AccessKey = section["S3:AccessKey"],
                SecretKey = section["S3:SecretKey"],
            };
            s3.Validate();
            // One lake for everything: the registry's model files move to the bucket too.
            builder.Services.Replace(ServiceDescriptor.Singleton<ILakeStore>(_ => new S3LakeStore(s3)));
        }

        AddViscoArchiveServices(builder.Services, options, dataDirectory);
        return builder;
    }

    /// <summary>The archive's services without configuration binding (tests and benchmarks that host a silo themselves).</summary>
    public static IServiceCollection AddViscoArchiveServices(this IServiceCollection services, ArchiveOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILakeStore>(_ => new LocalLakeStore(dataDirectory));
        services.TryAddSingleton<LakeWriteRetry>();
        services.TryAddSingleton<LegacySpoolReader>();
        services.TryAddSingleton<ArchiveBatchWriter>();
        services.TryAddSingleton<LakeLabelArchive>();
        DecorateLabelStore(services);
        return services;
    }

    private static void DecorateLabelStore(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILabelStore));
        if (registered is null || registered.ImplementationType == typeof(ArchivingLabelStore))
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<ILabelStore>(provider =>
        {
            var inner = registered.ImplementationInstance as ILabelStore
                ?? registered.ImplementationFactory?.Invoke(provider) as ILabelStore
                ?? (ILabelStore)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
            return new ArchivingLabelStore(inner, provider.GetRequiredService<LakeLabelArchive>());
        });
    }
}
