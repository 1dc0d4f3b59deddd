namespace NotificationAspire.TestSupport;

/// <summary>Polls for a condition with a deadline: asynchronous systems get there, tests wait for them to.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
        throw new TimeoutException($"Waited {deadline} for {what}; last seen: {last}");
    }
}
