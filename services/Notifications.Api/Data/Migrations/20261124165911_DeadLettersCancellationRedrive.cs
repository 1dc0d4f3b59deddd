using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadLettersCancellationRedrive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notifications_CorrelationKey",
                table: "notifications");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "notifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RedriveCount",
                table: "notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DeliveryKey = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientUserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AttemptsJson = table.Column<string>(type: "jsonb", nullable: false),
                    EventType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayloadJson = table.Column<string>(type: "jsonb", nullable: false),
                    DeadLetteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReplayedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReplayedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dead_letters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_SenderId_CorrelationKey",
                table: "notifications",
                columns: new[] { "SenderId", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Status_UpdatedAt",
                table: "notifications",
                columns: new[] { "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dead_letters_DeadLetteredAt",
                table: "dead_letters",
                column: "DeadLetteredAt");

            migrationBuilder.CreateIndex(
                name: "IX_dead_letters_NotificationId",
                table: "dead_letters",
                column: "NotificationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropIndex(
                name: "IX_notifications_SenderId_CorrelationKey",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_notifications_Status_UpdatedAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "RedriveCount",
                table: "notifications");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CorrelationKey",
                table: "notifications",
                column: "CorrelationKey");
        }
    }
}
