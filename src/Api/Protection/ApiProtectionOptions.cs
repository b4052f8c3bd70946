namespace Visco.Api.Protection;

/// <summary>Request limits, rate limiting and CORS of the API (section "Visco:Api").</summary>
public sealed class ApiProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Visco:Api";

    /// <summary>The largest request body accepted under <c>/api</c>, bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests per second each client (token subject, or IP address without a token) may sustain.</summary>
    public int RateLimitPerSecond { get; set; } = 200;

    /// <summary>Requests a client may burst above its rate.</summary>
    public int RateLimitBurst { get; set; } = 400;

    /// <summary>Origins of the web apps allowed to call the API from a browser (CORS); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Throws with a message that says how to fix the setting.</summary>
    public void Validate()
    {
        Require(MaxRequestBodyBytes is >= 1024 and <= 64 * 1024 * 1024, "Visco:Api:MaxRequestBodyBytes must be between 1024 and 67108864 (default 65536).");
        Require(RateLimitPerSecond >= 1, "Visco:Api:RateLimitPerSecond must be at least 1 (default 200).");
        Require(RateLimitBurst >= RateLimitPerSecond, "Visco:Api:RateLimitBurst must be at least RateLimitPerSecond (default 400).");
        foreach (var origin in CorsOrigins)
        {
            Require(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && origin != "*",
                $"Visco:Api:CorsOrigins contains '{origin}'; list exact origins such as https://app.example.org (no paths, no '*').");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
