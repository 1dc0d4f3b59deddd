using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxBuildingBlock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The relay now deletes what the broker has: rows it had only marked published go before the mark does.
            migrationBuilder.Sql("DELETE FROM outbox WHERE \"PublishedAt\" IS NOT NULL;");

            migrationBuilder.DropIndex(
                name: "IX_outbox_CreatedAt",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "PublishAttempts",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "outbox");

            migrationBuilder.RenameColumn(
                name: "Topic",
                table: "outbox",
                newName: "AggregateType");

            migrationBuilder.RenameColumn(
                name: "PayloadJson",
                table: "outbox",
                newName: "Payload");

            migrationBuilder.RenameColumn(
                name: "Key",
                table: "outbox",
                newName: "AggregateId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_CreatedAt",
                table: "outbox",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_CreatedAt",
                table: "outbox");

            migrationBuilder.RenameColumn(
                name: "Payload",
                table: "outbox",
                newName: "PayloadJson");

            migrationBuilder.RenameColumn(
                name: "AggregateType",
                table: "outbox",
                newName: "Topic");

            migrationBuilder.RenameColumn(
                name: "AggregateId",
                table: "outbox",
                newName: "Key");

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "outbox",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PublishAttempts",
                table: "outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PublishedAt",
                table: "outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_CreatedAt",
                table: "outbox",
                column: "CreatedAt",
                filter: "\"PublishedAt\" IS NULL");
        }
    }
}
