using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SendChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "Channels",
                table: "notifications",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Strategy",
                table: "notifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Channels",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Strategy",
                table: "notifications");
        }
    }
}
