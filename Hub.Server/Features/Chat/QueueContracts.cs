// Wire contracts of the paged agents' queue and the flood view (docs/protocol/agent-hub.md). One file, so they read as one piece.
namespace SupportHub.Server.Features.Chat;

public sealed record QueuePageRequest(int Level, int Skip);

/// <summary>Waiting conversations of one level, oldest first, from <see cref="Skip"/>; HasMore when a next page exists.</summary>
public sealed record QueuePageDto(int Level, int Skip, IReadOnlyList<QueueItemDto> Items, bool HasMore);

/// <summary>Waiting conversations started from one client address: how many, since when, and by how many visitors.</summary>
public sealed record FloodDto(string StartedFrom, int Waiting, int Visitors, DateTimeOffset OldestWaitingSince);

public sealed record PurgeFloodRequest(string StartedFrom);

public sealed record PurgeFloodResult(int Closed);
