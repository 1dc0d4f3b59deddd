using Notifications.Api.Topics.FanOut;

namespace Notifications.Api.Topics;

public static class TopicExtensions
{
    public static IHostApplicationBuilder AddTopics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TopicSubscriptions>();
        builder.Services.AddSingleton<FanOutSignal>();
        builder.Services.AddOptions<FanOutOptions>().BindConfiguration("FanOut")
            .Validate(o => o.PageSize is >= 1 and <= 10_000 && o.PollInterval > TimeSpan.Zero && o.SettleInterval > TimeSpan.Zero,
                "FanOut:PageSize is 1 to 10000; FanOut:PollInterval and FanOut:SettleInterval are positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<TopicFanOutService>();
        builder.Services.AddScoped<TopicSendProjection>();
        builder.Services.AddHostedService<TopicStatusSettler>();
        return builder;
    }
}
