namespace Visco.Runtime.Invocation;

/// <summary>
/// Where grain references send their requests: the local catalog today, a router that also reaches other silos when
/// the cluster comes. References hold only this, so they stay valid across both.
/// </summary>
internal interface IGrainCallSink
{
    /// <summary>Delivers a request to its grain; the request completes itself.</summary>
    void Send(GrainRequest request);
}
