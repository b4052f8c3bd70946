using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Visco.MqttFrontDoor.Routing;
using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>
/// Live sessions by client id: attach (clean start, resume from memory or from the grain after a restart, takeover),
/// detach (will messages, session expiry). Attaches of one client id are serialized by a striped lock; detach never
/// takes it, so a takeover can close the old connection without waiting for it.
/// </summary>
internal sealed class MqttSessionManager
{
    private readonly ConcurrentDictionary<string, MqttSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly IGrainFactory? _grains;
    private readonly MqttRouter _router;
    private readonly ILogger _logger;

    public MqttSessionManager(IGrainFactory? grains, MqttRouter router, MqttSessionOwner owner, ILogger logger)
    {
        _grains = grains;
        _router = router;
        Owner = owner;
        _logger = logger;
    }

    public MqttSessionOwner Owner { get; }

    public int Count => _sessions.Count;

    public bool TryGet(string clientId, out MqttSession session) => _sessions.TryGetValue(clientId, out session!);

    /// <summary>
    /// Finds or creates the session for a new connection, takes it from any older connection (which is told to
    /// close), lets the caller queue its CONNACK (<paramref name="accepted"/>) and attaches the sink — all under the
    /// client id's lock, so two connects of one id can never both end up attached, and resent messages always follow
    /// the CONNACK.
    /// </summary>
    public async Task<(MqttSession Session, bool Present)> OpenAsync(
        string clientId, bool cleanStart, uint expiryInterval, IMqttSessionSink sink, Action<MqttSession, bool> accepted, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(clientId);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            MqttSession? session = null;
            if (_sessions.TryGetValue(clientId, out var existing))
            {
                CancelTimers(existing);
                existing.Release()?.TakeOver();
                if (cleanStart)
                {
                    await EndAsync(existing).ConfigureAwait(false);
                }
                else
                {
                    session = existing;
                }
            }
            else if (_grains is not null)
            {
                var grain = _grains.GetGrain<IMqttSessionGrain>(clientId);
                var state = await grain.Load(cancellationToken).ConfigureAwait(false);
                if (state.Exists && !cleanStart && !IsExpired(state))
                {
                    session = MqttSession.Restore(clientId, state, NewStore(grain, clientId), Owner);
                    foreach (var subscription in session.GetSubscriptions())
                    {
                        _router.Add(session, subscription);
                    }
                }
                else if (state.Exists)
                {
                    await grain.End(cancellationToken).ConfigureAwait(false);
                }
            }

            var present = session is not null;
            if (session is null)
            {
                var store = expiryInterval > 0 && _grains is not null ? NewStore(_grains.GetGrain<IMqttSessionGrain>(clientId), clientId) : null;
                session = new MqttSession(clientId, expiryInterval, store, Owner);
                if (store is not null)
                {
                    await store.Enqueue(g => g.Begin(expiryInterval, cancellationToken)).ConfigureAwait(false);
                }
            }
            else
            {
                session.ExpiryInterval = expiryInterval;
                if (session.Store is { } store)
                {
                    await store.Enqueue(g => g.Connected(expiryInterval, cancellationToken)).ConfigureAwait(false);
                }
            }

            _sessions[clientId] = session;
            accepted(session, present);
            session.Attach(sink);
            return (session, present);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// The session of a client, connected or not, loaded from its grain when it is persistent and not in memory yet
    /// (after a restart); null when there is none.
    /// </summary>
    public async Task<MqttSession?> GetOrLoadAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(clientId, out var session) || _grains is null)
        {
            return session;
        }

        var stripe = StripeOf(clientId);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sessions.TryGetValue(clientId, out session))
            {
                return session;
            }

            var grain = _grains.GetGrain<IMqttSessionGrain>(clientId);
            var state = await grain.Load(cancellationToken).ConfigureAwait(false);
            if (!state.Exists || IsExpired(state))
            {
                return null;
            }

            session = MqttSession.Restore(clientId, state, NewStore(grain, clientId), Owner);
            foreach (var subscription in session.GetSubscriptions())
            {
                _router.Add(session, subscription);
            }

            if (state.DisconnectedAt is { } at && state.ExpiryInterval != uint.MaxValue)
            {
                var left = at.AddSeconds(state.ExpiryInterval) - Owner.Time.GetUtcNow();
                session.ExpiryTimer = Owner.Time.CreateTimer(_ => _ = ExpireAsync(session), null, left, Timeout.InfiniteTimeSpan);
            }

            _sessions[clientId] = session;
            return session;
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// Ends a client's session for good, whether a connection has it, it waits for its client, or it exists only in
    /// its grain (stored before a restart and not loaded since): its subscriptions and queued messages are gone and the
    /// next connect of the client id starts a new session, even with clean start 0. A connection still attached (one
    /// that attached after the caller closed the live one) is cut off with <paramref name="reason"/>; a pending will is
    /// dropped, as a revoked connection's is. Fails when the stored session could not be ended.
    /// </summary>
    public async Task EndSessionAsync(string clientId, string reason, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(clientId);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sessions.TryRemove(clientId, out var session))
            {
                CancelTimers(session);
                session.Release()?.CutOff(reason);
                _router.RemoveAll(session);
                session.Discard();
                if (session.Store is { } store)
                {
                    // After the session's earlier writes (the store keeps their order), so none of them outlives the end.
                    await store.Enqueue(g => g.End(CancellationToken.None)).ConfigureAwait(false);
                }
            }
            else if (_grains is not null)
            {
                // Not in memory: a stored session nobody loaded since a restart, or none (End then changes nothing).
                await _grains.GetGrain<IMqttSessionGrain>(clientId).End(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// The connection of a session ended: publish the will (now, or after its delay), and end the session now
    /// (expiry 0) or when it expires. Nothing happens when another connection already took the session over.
    /// </summary>
    public async Task CloseAsync(MqttSession session, IMqttSessionSink sink, BrokerMessage? will, uint willDelay)
    {
        if (!session.Detach(sink))
        {
            return;
        }

        var time = Owner.Time;
        if (session.ExpiryInterval == 0)
        {
            if (_sessions.TryRemove(new KeyValuePair<string, MqttSession>(session.ClientId, session)))
            {
                await EndAsync(session).ConfigureAwait(false);
            }

            if (will is not null)
            {
                await PublishWillAsync(will).ConfigureAwait(false);
            }

            return;
        }

        if (session.Store is { } store)
        {
            _ = store.Enqueue(g => g.Disconnected(time.GetUtcNow(), session.ExpiryInterval));
        }

        var delay = Math.Min(willDelay, session.ExpiryInterval);
        if (will is not null && delay == 0)
        {
            await PublishWillAsync(will).ConfigureAwait(false);
        }
        else if (will is not null)
        {
            session.PendingWill = will;
            session.WillTimer = time.CreateTimer(_ => _ = FireWillAsync(session), null, TimeSpan.FromSeconds(delay), Timeout.InfiniteTimeSpan);
        }

        if (session.ExpiryInterval != uint.MaxValue)
        {
            session.ExpiryTimer = time.CreateTimer(_ => _ = ExpireAsync(session), null, TimeSpan.FromSeconds(session.ExpiryInterval), Timeout.InfiniteTimeSpan);
        }
    }

    private static void CancelTimers(MqttSession session)
    {
        session.WillTimer?.Dispose();
        session.WillTimer = null;
        session.PendingWill = null;
        session.ExpiryTimer?.Dispose();
        session.ExpiryTimer = null;
    }

    private async Task FireWillAsync(MqttSession session)
    {
        var will = session.PendingWill;
        session.PendingWill = null;
        if (will is not null && session.Sink is null)
        {
            await PublishWillAsync(will).ConfigureAwait(false);
        }
    }

    private async Task ExpireAsync(MqttSession session)
    {
        var stripe = StripeOf(session.ClientId);
        await stripe.WaitAsync().ConfigureAwait(false);
        try
        {
            if (session.Sink is not null || !_sessions.TryRemove(new KeyValuePair<string, MqttSession>(session.ClientId, session)))
            {
                return;
            }

            var will = session.PendingWill;
            CancelTimers(session);
            await EndAsync(session).ConfigureAwait(false);
            if (will is not null)
            {
                await PublishWillAsync(will).ConfigureAwait(false);
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task EndAsync(MqttSession session)
    {
        _router.RemoveAll(session);
        session.Discard();
        if (session.Store is { } store)
        {
            try
            {
                await store.Enqueue(g => g.End()).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Logged by the store; an unended stored session expires on its next load.
            }
        }
    }

    private async Task PublishWillAsync(BrokerMessage will)
    {
        try
        {
            await _router.PublishAsync(will, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Diagnostics.MqttLog.SessionStoreFailed(_logger, exception, will.SenderClientId ?? "?");
        }
    }

    private bool IsExpired(MqttSessionState state) =>
        state.DisconnectedAt is { } at && at.AddSeconds(state.ExpiryInterval) <= Owner.Time.GetUtcNow();

    private MqttSessionStore NewStore(IMqttSessionGrain grain, string clientId) => new(grain, clientId, _logger);

    /// <summary>The lock of a client id's stripe: changes to one client's session are serialised, others' go on.</summary>
    private SemaphoreSlim StripeOf(string clientId) => _stripes[(uint)StringComparer.Ordinal.GetHashCode(clientId) % (uint)_stripes.Length];
}
