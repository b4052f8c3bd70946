using System.Threading.Channels;

namespace Visco.Dashboard.Sampling;

/// <summary>
/// One open live stream. Holds at most a few snapshots: a viewer that reads slower than the sampler ticks skips the
/// old ones instead of making the server buffer for it. Disposing it leaves the sampler.
/// </summary>
internal sealed class LiveViewer(DashboardSampler sampler) : IDisposable
{
    private readonly Channel<string> _snapshots = Channel.CreateBounded<string>(
        new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });

    /// <summary>Snapshots as JSON, newest last.</summary>
    public ChannelReader<string> Snapshots => _snapshots.Reader;

    /// <summary>Offers a snapshot; drops the oldest one held when full.</summary>
    public void Offer(string json) => _snapshots.Writer.TryWrite(json);

    /// <summary>Ends the stream (the sampler is stopping).</summary>
    public void Complete() => _snapshots.Writer.TryComplete();

    /// <inheritdoc />
    public void Dispose()
    {
        _snapshots.Writer.TryComplete();
        sampler.Leave(this);
    }
}
