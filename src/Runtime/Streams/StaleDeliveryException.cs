using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Streams;

/// <summary>
/// A delivery taken before a commit-managed lane was rewound reached the new observer: it is refused (the lane goes on
/// from the commit), so the observer never sees events out of order.
/// </summary>
internal sealed class StaleDeliveryException(string grain, StreamId streamId)
    : Exception($"Grain {grain} refused a delivery of stream {streamId} taken before its subscription started again from the commit.");
