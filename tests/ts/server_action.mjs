// A Server Action written against a generated contract: parse the input, act, respond.
//   node server_action.mjs <database.contracts.js>
// Prints the ActionResponses of a valid and an invalid input as JSON.
import { pathToFileURL } from "node:url"

const { Contracts, successResponse, errorResponse } = await import(pathToFileURL(process.argv[2]).href)
const goals = Contracts.public.Tables.goals

function createGoal(input) {
  const parsed = goals.insert.safeParse(input)
  if (!parsed.success) {
    return errorResponse(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "invalid_input")
  }
  // A real action would insert here; the contract already says what the row looks like.
  return successResponse(parsed.data)
}

process.stdout.write(
  JSON.stringify({
    valid: createGoal({ organization_id: 1, title: "Ship the release", status: "active" }),
    invalid: createGoal({ organization_id: 1, title: "x".repeat(281), status: "done", id: 5 }),
    primaryKey: goals.primaryKey,
  }),
)
