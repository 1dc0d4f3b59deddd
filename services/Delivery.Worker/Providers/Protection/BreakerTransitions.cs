using System.Threading.Channels;

namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// Which providers' breakers changed state since the reporter last looked, by label (`sms/twilio`). Noting is a
/// non-blocking write, safe under a breaker's lock; a burst of transitions of one provider is read as it comes, and
/// each report carries the breaker's state at the time it is built.
/// </summary>
public sealed class BreakerTransitions
{
    private readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Note(string label) => changed.Writer.TryWrite(label);

    public ChannelReader<string> Changed => changed.Reader;
}
