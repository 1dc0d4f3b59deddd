using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Delivery.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_RecipientUserId_Channel_Category_UpdatedAt",
                table: "deliveries",
                columns: new[] { "RecipientUserId", "Channel", "Category", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_RecipientUserId_Channel_Category_UpdatedAt",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "deliveries");
        }
    }
}
