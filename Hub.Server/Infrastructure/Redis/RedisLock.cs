using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Infrastructure.Locks;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>Locks shared by every node: <c>{prefix}lock:{key}</c> holds the owner's token for the lease (SET NX PX).</summary>
internal sealed class RedisLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options, TimeProvider time) : IDistributedLock
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(25);

    public async Task<IAsyncDisposable> AcquireAsync(string key, TimeSpan lease, TimeSpan timeout, CancellationToken ct = default)
    {
        var db = redis.GetDatabase();
        RedisKey redisKey = options.Value.KeyPrefix + "lock:" + key;
        RedisValue token = Guid.NewGuid().ToString("N");
        var deadline = time.GetUtcNow() + timeout;
        while (!await db.LockTakeAsync(redisKey, token, lease))
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"The lock '{key}' was not free within {timeout}.");
            }

            await Task.Delay(Retry, ct);
        }

        return new Release(db, redisKey, token);
    }

    private sealed class Release(IDatabase db, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.LockReleaseAsync(key, token); // only while it is still ours
    }
}
