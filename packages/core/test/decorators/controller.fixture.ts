// A controller written with standard (TC39) decorators; the decorators and work type are passed in.
// The workspace pins Vite 7 because Vite 8's transformer (oxc) does not lower standard decorators.
import type * as Core from "@sprig/core";

type Sugar = Pick<typeof Core, "command" | "button" | "on">;

export interface Ticket {
  title: string;
}

export function defineController({ command, button, on }: Sugar, Ticket: Core.WorkTypeRef<Ticket>) {
  class TicketController {
    readonly prefix = "ticket";
    joined: string[] = [];

    @command("open {title...}", { description: "Open a ticket" })
    open({ vars }: Core.CommandContext<{ title: string[] }>) {
      return Ticket.create({ title: vars.title.join(" ") });
    }

    @command("close {ids:number...}", { description: "Close tickets", admin: true })
    close({ vars }: Core.CommandContext<{ ids: number[] }>) {
      return `${this.prefix} ${vars.ids.join(", ")} closed`;
    }

    @button(Ticket, "escalate", { text: "Escalate" })
    escalate({ form }: Core.ButtonContext<Ticket>) {
      return `${this.prefix} "${form.title}" escalated`;
    }

    @on("member")
    welcome({ action }: Core.EventContext<Core.MemberAction>) {
      this.joined.push(action.member.name ?? action.member.id);
    }

    helper() {
      return "not a handler";
    }
  }
  return TicketController;
}

export function defineMistyped({ command }: Sugar) {
  class Mistyped {
    // @ts-expect-error the pattern has a number variable `n`, the method expects a string `name`
    @command("count {n:number}")
    count({ vars }: Core.CommandContext<{ name: string }>) {
      return vars.name;
    }
  }
  return Mistyped;
}
