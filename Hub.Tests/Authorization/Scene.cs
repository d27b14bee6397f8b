using Microsoft.AspNetCore.SignalR.Client;

namespace SupportHub.Tests.Authorization;

/// <summary>A fresh conversation for one caller's try: its own customer, at level 1, in the state the row asks for.</summary>
public sealed record Scene(HubConnection Customer, string CustomerToken, string CustomerId, string ConversationId, long TicketNumber);

public enum SceneState
{
    /// <summary>In the queue, nobody has it.</summary>
    Waiting,

    /// <summary>Claimed by the assigned agent.</summary>
    Active,

    /// <summary>Claimed, then resolved by the assigned agent.</summary>
    Closed,
}
