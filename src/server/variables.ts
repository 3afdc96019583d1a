/**
 * Variables refused with graphql-js's reasons. graphql-jit coerces variables itself and refuses a bad
 * one with only "Expected type Decimal."; graphql-js keeps the scalar's own reason (which digit
 * limit, which date), and the caller deserves it. Only a refused request pays for the second
 * coercion: an answer without `data` whose variables graphql-js also refuses gets graphql-js's errors.
 */
import { getOperationAST, getVariableValues, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function explainRefusedVariables(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const refused = result as ExecutionResult;
          if (!refused.errors?.length || 'data' in refused) return;
          const operation = getOperationAST(args.document, args.operationName);
          if (!operation?.variableDefinitions?.length) return;
          const coerced = getVariableValues(args.schema, operation.variableDefinitions, (args.variableValues ?? {}) as Record<string, unknown>, { maxErrors: 20 });
          if (coerced.errors) setResult({ errors: coerced.errors as GraphQLError[] });
        },
      };
    },
  };
}
