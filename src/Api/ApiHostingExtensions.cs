using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Visco.Api.Hospitals;
using Visco.Api.Labels;
using Visco.Api.Live;
using Visco.Api.Models;
using Visco.Api.OpenApi;
using Visco.Api.Problems;
using Visco.Api.Protection;
using Visco.Api.Results;
using Visco.Grains.Interfaces.Api;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Api;

/// <summary>Adds the clinician and operations HTTP API to the silo: <see cref="AddViscoApi"/>, <see cref="UseViscoApi"/>, <see cref="MapViscoApi"/>.</summary>
public static class ApiHostingExtensions
{
    /// <summary>The CORS policy of the API routes.</summary>
    public const string CorsPolicy = "visco-api";

    /// <summary>
    /// Registers authentication (JWT bearer, "Visco:Api:Auth", validated at start), authorization policies, problem
    /// details, the exception handler, rate limiting, CORS, OpenAPI, the live feed and, unless one is registered, the
    /// file audit log under <c>{Visco:DataDirectory}/audit/</c>. Needs an <see cref="IStreamProvider"/> (the silo's
    /// "durable" provider) for the live feed and an <c>IResultStore</c> for results.
    /// </summary>
    public static IHostApplicationBuilder AddViscoApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var dataDirectory = Path.GetFullPath(builder.Configuration["Visco:DataDirectory"] ?? "data");
        var protection = new ApiProtectionOptions();
        builder.Configuration.GetSection(ApiProtectionOptions.SectionName).Bind(protection);
        protection.Validate();
        var auth = new ApiAuthOptions();
        builder.Configuration.GetSection(ApiAuthOptions.SectionName).Bind(auth);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ApiAuthOptions>().Bind(builder.Configuration.GetSection(ApiAuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>();
        if (auth.IsEmbedded)
        {
            var keyPath = auth.SigningKeyPath ?? Path.Combine(dataDirectory, "keys", "api-signing-key.pem");
            services.AddSingleton(_ => new SigningKeyStore(keyPath));
            services.AddSingleton<TokenIssuer>();
            services.AddHostedService<SigningKeyInitializer>();
        }

        services.AddSingleton<CachingJsonWebTokenHandler>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfigurator>();
        services.AddAuthorizationBuilder().AddViscoPolicies();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ResultsJsonContext.Default);
        });
        services.AddViscoRateLimiting(protection);
        services.AddSingleton(protection);
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(protection.CorsOrigins)
            .WithMethods("GET", "POST", "PUT")
            .WithHeaders("Authorization", "Content-Type", "Last-Event-ID")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<BearerSecurityTransformer>());

        services.TryAddSingleton<IAuditLog>(_ => new FileAuditLog(Path.Combine(dataDirectory, "audit", "api-audit.jsonl")));
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<DeviceOwnership>();
        return builder;
    }

    /// <summary>
    /// The API's middleware, in order: exception handler (problems), problem bodies for bare error statuses under
    /// <c>/api</c>, CORS, authentication, authorization, rate limiting, request body limit under <c>/api</c>.
    /// </summary>
    public static IApplicationBuilder UseViscoApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var protection = app.ApplicationServices.GetRequiredService<ApiProtectionOptions>();
        app.UseExceptionHandler();
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWhen(IsApi, api => api.UseMiddleware<RequestBodyLimitMiddleware>(protection.MaxRequestBodyBytes));
        return app;
    }

    /// <summary>Maps <c>/api/v1</c>, the OpenAPI document at <c>/openapi/v1.json</c> and its page at <c>/openapi</c>.</summary>
    public static IEndpointRouteBuilder MapViscoApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .RequireCors(CorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var hospital = api.MapGroup("/hospitals/{hospitalId}").ProducesProblem(StatusCodes.Status404NotFound);
        hospital.MapResultsApi().MapDevicesApi();
        var registered = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        if (registered.IsService(typeof(IStreamProvider)))
        {
            hospital.MapLiveApi();
        }

        if (registered.IsService(typeof(ILabelStore)))
        {
            hospital.MapLabelsApi();
        }

        api.MapHospitalsApi(hospital).MapModelsApi().MapAuditApi();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapOpenApiUi();
        return endpoints;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
