using System.Net.Sockets;

using Xunit;

namespace Visco.TestKit;

/// <summary>
/// A fact that needs the PostgreSQL server of <see cref="TestEnvironment.PostgresConnectionString"/>. Skipped with the
/// reason locally when nothing listens there; under <c>CI=true</c> it runs and fails, since CI starts the server.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Reachable = new(IsReachable);

    /// <summary>Creates the attribute.</summary>
    public PostgresFactAttribute()
    {
        if (!TestEnvironment.IsCi && !Reachable.Value)
        {
            Skip = "needs PostgreSQL (set VISCO_TEST_POSTGRES or run .ci/run's setup); fails under CI=true";
        }
    }

    private static bool IsReachable()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(builder.Host ?? "127.0.0.1", builder.Port).Wait(TimeSpan.FromSeconds(1))
                && client.Connected;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
