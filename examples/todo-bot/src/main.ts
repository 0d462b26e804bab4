// Entry point of `npm start`. The todo bot arrives with @sprig/core and the test kit.
console.log("sprig: the todo bot is not wired yet — see the open issues.");
