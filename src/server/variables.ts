/**
 * Variables coerced by graphql-js before graphql-jit runs the operation. graphql-jit refuses a bad
 * variable with only "Expected type Decimal."; graphql-js keeps the scalar's own reason (which
 * digit limit, which date), and the caller deserves it. The coerced values are what jit then uses.
 */
import { getOperationAST, getVariableValues, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function coerceVariablesFirst(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions, (args.variableValues ?? {}) as Record<string, unknown>, { maxErrors: 20 });
      if (coerced.errors) setResultAndStopExecution({ errors: coerced.errors as GraphQLError[] });
    },
  };
}
