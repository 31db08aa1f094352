console.log("change-radar");
