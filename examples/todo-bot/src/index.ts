// The todo bot: its work types and the bot itself, for tests and for `npm start`.
export { createTodoBot } from "./todo-bot.ts";
export { Item, NewItem, SendList, TodoList } from "./work-types.ts";
